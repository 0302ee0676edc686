/**
 * One way to read times, for the UI and the texts main writes (PDFs, notifications, errors): a moment
 * or a length of a call as a clock ("1:05", "32:53", "1:02:05"), a date or a date and time in the
 * reader's locale ("7 Dec 2026, 21:07" / "Dec 7, 2026, 9:07 PM"). Data exports keep ISO 8601.
 *
 * A stored time with a zone (Z or an offset: an import, a review) or epoch milliseconds is an instant, shown in the reader's
 * time zone. A call time without one ("2024-05-02T10:15:00", from the call system's metadata or the
 * file name) is the wall-clock time the call centre recorded: shown as written, never shifted.
 */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface TimeFormatOptions {
  /** BCP 47 locale; the runtime's (the reader's browser, or the server) when omitted. */
  locale?: string;
  /** IANA zone for instants; the runtime's when omitted. */
  timeZone?: string;
  /** Show seconds (telling apart events a second apart, e.g. import batches). */
  seconds?: boolean;
}

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** The value as a Date and the zone to read it in (UTC for wall-clock times, so nothing shifts); null when unreadable. */
function readTime(value: string | number, opts: TimeFormatOptions): { at: Date; timeZone: string | undefined; hasTime: boolean } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? { at: new Date(value), timeZone: opts.timeZone, hasTime: true } : null;
  const v = value.trim();
  if (ZONED.test(v)) {
    const at = new Date(v);
    return Number.isNaN(at.getTime()) ? null : { at, timeZone: opts.timeZone, hasTime: true };
  }
  const m = WALL.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)));
  return Number.isNaN(at.getTime()) ? null : { at, timeZone: 'UTC', hasTime: h !== undefined };
}

/** "7 Dec 2026, 21:07" (a date alone stays a date); the value itself when it is not a time. */
export function dateTime(value: string | number, opts: TimeFormatOptions = {}): string {
  const t = readTime(value, opts);
  if (!t) return String(value);
  return new Intl.DateTimeFormat(opts.locale, t.hasTime ? { dateStyle: 'medium', timeStyle: opts.seconds ? 'medium' : 'short', timeZone: t.timeZone } : { dateStyle: 'medium', timeZone: t.timeZone }).format(t.at);
}

/** "7 Dec 2026". */
export function date(value: string | number, opts: TimeFormatOptions = {}): string {
  const t = readTime(value, opts);
  return t ? new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeZone: t.timeZone }).format(t.at) : String(value);
}

/** "21:07" / "9:07 PM". */
export function time(value: string | number, opts: TimeFormatOptions = {}): string {
  const t = readTime(value, opts);
  return t ? new Intl.DateTimeFormat(opts.locale, { timeStyle: 'short', timeZone: t.timeZone }).format(t.at) : String(value);
}
