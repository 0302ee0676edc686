/**
 * The name of an uploaded file as it is shown and stored: the last path segment only (a client may
 * send "C:\calls\a.wav" or "../../a.wav"), without control characters (C0, DEL, C1) or the bidi
 * controls that make "rtl\u202Evaw.exe.wav" display as "rtlexe.wav.wav", at most 200 characters
 * (the end kept: it holds the extension).
 */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeFileName(raw: string, fallback: string): string {
  const name = raw.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.' && p !== '..').pop() ?? '';
  return name.replace(HIDDEN, '').trim().slice(-200) || fallback;
}
