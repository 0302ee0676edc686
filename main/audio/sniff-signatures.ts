/**
 * Pure byte-signature checks used by sniff.ts. Each returns what the first bytes of a file are, or
 * null. Kept apart from the file I/O so they are unit-testable on plain buffers.
 */

export type AudioContainer =
  | 'wav'
  | 'mp3'
  | 'mp4'
  | 'ogg'
  | 'flac'
  | 'webm'
  | 'matroska'
  | 'aac'
  | 'amr'
  | 'caf'
  | 'aiff'
  | 'au'
  | 'asf';

export interface AudioSignature {
  container: AudioContainer;
  /** Finer detail when the header tells it: 'opus', 'vorbis', 'rf64', an ftyp brand... */
  variant: string | null;
}

const ascii = (b: Buffer, start: number, end: number): string => b.toString('latin1', start, end);

// MPEG audio frame header tables (ISO 11172-3 / 13818-3), kbit/s. Index 0 = free, 15 = invalid.
const BITRATES_V1 = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // layer I
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // layer II
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // layer III
];
const BITRATES_V2 = [
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
];
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** Length in bytes of the MPEG audio frame starting at `at`, or null if it is not a valid header. */
export function mpegFrameLength(b: Buffer, at: number): number | null {
  if (at + 4 > b.length) return null;
  const b1 = b[at + 1]!;
  const b2 = b[at + 2]!;
  if (b[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5, 1 = reserved
  const layerBits = (b1 >> 1) & 3; // 3 = I, 2 = II, 1 = III, 0 = reserved (ADTS uses 0)
  const brIndex = b2 >> 4;
  const srIndex = (b2 >> 2) & 3;
  if (version === 1 || layerBits === 0 || brIndex === 0 || brIndex === 15 || srIndex === 3) return null;
  const layer = 4 - layerBits; // 1..3
  const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[layer - 1]![brIndex]!;
  const sr = SAMPLE_RATES[version]![srIndex]!;
  const pad = (b2 >> 1) & 1;
  if (layer === 1) return (Math.floor((12 * kbps * 1000) / sr) + pad) * 4;
  const coef = layer === 3 && version !== 3 ? 72 : 144;
  return Math.floor((coef * kbps * 1000) / sr) + pad;
}

/** Length of the ADTS (raw AAC) frame starting at `at`, or null. */
export function adtsFrameLength(b: Buffer, at: number): number | null {
  if (at + 7 > b.length) return null;
  if (b[at] !== 0xff || (b[at + 1]! & 0xf6) !== 0xf0) return null;
  if (((b[at + 2]! >> 2) & 0xf) > 12) return null; // sampling frequency index
  const len = ((b[at + 3]! & 0x03) << 11) | (b[at + 4]! << 3) | (b[at + 5]! >> 5);
  return len >= 7 ? len : null;
}

/**
 * A frame-sync stream is only believed when a second frame header follows the first (or the buffer
 * ends first): two bytes of random data match a sync word about once in 2000 files.
 */
function chainedFrames(b: Buffer, at: number, lengthAt: (b: Buffer, at: number) => number | null): boolean {
  const first = lengthAt(b, at);
  if (first === null) return false;
  const next = at + first;
  if (next + 4 > b.length) return true;
  return lengthAt(b, next) !== null;
}

/** ID3v2 tags precede MP3 (and sometimes ADTS) data; skip them to find the first frame. */
function id3Size(b: Buffer): number {
  if (b.length < 10 || ascii(b, 0, 3) !== 'ID3') return 0;
  const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
  const footer = b[5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

function oggCodec(b: Buffer): string | null {
  // Page header is 27 bytes + one lacing byte per segment; the first packet follows it.
  if (b.length < 28) return null;
  const start = 27 + b[26]!;
  const head = ascii(b, start, Math.min(b.length, start + 8));
  if (head.startsWith('OpusHead')) return 'opus';
  if (head.startsWith('\x01vorbis')) return 'vorbis';
  if (head.startsWith('Speex')) return 'speex';
  if (head.startsWith('\x7fFLAC')) return 'flac';
  return null;
}

function mp4Brand(b: Buffer): AudioSignature | null {
  if (b.length < 12) return null;
  const box = ascii(b, 4, 8);
  if (box === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (/^(heic|heix|mif1|msf1|avif|avis)$/.test(brand)) return null; // still images in an ftyp box
    return { container: 'mp4', variant: brand.trim() };
  }
  // Old QuickTime files may start straight with a moov/mdat/wide/free atom.
  if (['moov', 'mdat', 'wide', 'free', 'skip'].includes(box)) return { container: 'mp4', variant: 'qt' };
  return null;
}

/** Audio (or audio-in-video) container recognised from the first bytes, or null. */
export function matchAudio(b: Buffer): AudioSignature | null {
  if (b.length < 4) return null;
  const m4 = ascii(b, 0, 4);
  const w4 = b.length >= 12 ? ascii(b, 8, 12) : '';
  if ((m4 === 'RIFF' || m4 === 'RF64' || m4 === 'BW64') && w4 === 'WAVE')
    return { container: 'wav', variant: m4 === 'RIFF' ? null : m4.toLowerCase() };
  if (m4 === 'OggS') return { container: 'ogg', variant: oggCodec(b) };
  if (m4 === 'fLaC') return { container: 'flac', variant: null };
  if (m4 === 'caff') return { container: 'caf', variant: null };
  if (m4 === 'FORM' && (w4 === 'AIFF' || w4 === 'AIFC')) return { container: 'aiff', variant: w4.toLowerCase() };
  if (m4 === '.snd') return { container: 'au', variant: null };
  if (ascii(b, 0, 6) === '#!AMR\n') return { container: 'amr', variant: 'amr-nb' };
  if (ascii(b, 0, 9) === '#!AMR-WB\n') return { container: 'amr', variant: 'amr-wb' };
  if (b.readUInt32BE(0) === 0x1a45dfa3) {
    const docType = ascii(b, 0, Math.min(b.length, 64));
    return docType.includes('webm') ? { container: 'webm', variant: null } : { container: 'matroska', variant: null };
  }
  if (b.length >= 16 && b.toString('hex', 0, 16) === '3026b2758e66cf11a6d900aa0062ce6c') return { container: 'asf', variant: null };
  const mp4 = mp4Brand(b);
  if (mp4) return mp4;
  const skip = id3Size(b);
  if (skip > 0) {
    // The tag can be bigger than what we read (cover art); an ID3 header alone is strong evidence.
    if (skip >= b.length) return { container: 'mp3', variant: 'id3' };
    if (adtsFrameLength(b, skip) !== null) return { container: 'aac', variant: 'adts' };
    return { container: 'mp3', variant: 'id3' };
  }
  if (chainedFrames(b, 0, adtsFrameLength)) return { container: 'aac', variant: 'adts' };
  if (chainedFrames(b, 0, mpegFrameLength)) return { container: 'mp3', variant: null };
  return null;
}

/** Well-known non-audio files, named the way a reviewer would recognise them. */
export function matchNonAudio(b: Buffer): string | null {
  const hex = b.toString('hex', 0, Math.min(b.length, 8));
  const s = ascii(b, 0, Math.min(b.length, 16));
  if (s.startsWith('%PDF')) return 'a PDF document';
  if (hex.startsWith('504b0304') || hex.startsWith('504b0506')) {
    const head = ascii(b, 0, Math.min(b.length, 4096));
    if (/\[Content_Types\]\.xml|word\/|xl\/|ppt\//.test(head)) return 'an Office document (Word/Excel/PowerPoint)';
    return 'a ZIP archive';
  }
  if (hex.startsWith('89504e47')) return 'a PNG image';
  if (hex.startsWith('ffd8ff')) return 'a JPEG image';
  if (s.startsWith('GIF87a') || s.startsWith('GIF89a')) return 'a GIF image';
  if (s.startsWith('RIFF') && ascii(b, 8, 12) === 'WEBP') return 'a WebP image';
  if (s.startsWith('RIFF') && ascii(b, 8, 12) === 'AVI ') return 'an AVI video';
  if (hex.startsWith('49492a00') || hex.startsWith('4d4d002a')) return 'a TIFF image';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1|avif|avis)$/.test(ascii(b, 8, 12)))
    return 'a HEIC/AVIF image';
  if (s.startsWith('BM') && b.length >= 14 && b.readUInt32LE(2) > 14) return 'a BMP image';
  if (hex.startsWith('1f8b')) return 'a gzip archive';
  if (hex.startsWith('377abcaf271c')) return 'a 7-Zip archive';
  if (s.startsWith('Rar!')) return 'a RAR archive';
  if (hex.startsWith('7f454c46')) return 'a program (ELF executable)';
  if (s.startsWith('MZ')) return 'a Windows program (.exe/.dll)';
  if (s.startsWith('SQLite format 3')) return 'an SQLite database';
  if (hex.startsWith('d0cf11e0a1b11ae1')) return 'an old-style Office document (.doc/.xls/.msg)';
  return null;
}

/**
 * Text files: valid UTF-8 (or UTF-16 with a BOM), no NUL bytes, almost all printable. Returns a name
 * for the kind of text ("a CSV file") or null when the bytes are not text.
 */
export function matchText(b: Buffer): string | null {
  if (b.length === 0) return null;
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'a text file (UTF-16)';
  // Cut a possibly split multi-byte character at the end before decoding strictly.
  let end = b.length;
  while (end > 0 && end > b.length - 4 && (b[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && b[end - 1]! >= 0xc0) end--;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
  } catch {
    return null;
  }
  if (text.length === 0) return null;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0) return null;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) bad++;
  }
  if (bad / text.length > 0.02) return null;
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'an HTML page';
  if (head.startsWith('<?xml') || head.startsWith('<svg')) return 'an XML file';
  if (head.startsWith('{') || head.startsWith('[')) return 'a JSON file';
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0).slice(0, 10);
  const commas = lines.map((l) => (l.match(/[,;\t]/g) ?? []).length);
  if (lines.length >= 2 && commas[0]! > 0 && commas.every((c) => c === commas[0])) return 'a CSV/spreadsheet text file';
  return 'a text file';
}

/** Shannon entropy in bits per byte: ~8 for random/encrypted data, lower for anything structured. */
export function entropyBitsPerByte(b: Buffer): number {
  if (b.length === 0) return 0;
  const counts = new Array<number>(256).fill(0);
  for (const x of b) counts[x]!++;
  let h = 0;
  for (const c of counts) {
    if (c === 0) continue;
    const p = c / b.length;
    h -= p * Math.log2(p);
  }
  return h;
}
