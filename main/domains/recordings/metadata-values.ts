import type { CallMetadata } from '../../../preload/contract/schemas/recordings.js';

/**
 * Normalise call metadata values from file names and sidecars into the stored forms: ISO call times
 * and inbound/outbound directions. Returns null for values that cannot be understood.
 */

export function normaliseDirection(value: string): CallMetadata['direction'] {
  const v = value.trim().toLowerCase();
  if (['inbound', 'incoming', 'in', 'inb', 'i'].includes(v)) return 'inbound';
  if (['outbound', 'outgoing', 'out', 'outb', 'o'].includes(v)) return 'outbound';
  return null;
}

/**
 * Accepts 2024-05-02, 20240502, 2024.05.02, optionally followed by a time (14:30, 1430, 14-30-05,
 * T14:30:05, with an optional Z/offset), and day-first 02/05/2024. Local times stay without a zone:
 * the file name does not say which one, and guessing would shift every call.
 */
export function normaliseCallTime(value: string | Date): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().replace(/\.000Z$/, 'Z');
  const v = value.trim();
  let m = /^(\d{4})[-.]?(\d{2})[-.]?(\d{2})(?:[T _]+(\d{2})[-:.h]?(\d{2})(?:[-:.m]?(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v);
  let y: string, mo: string, d: string;
  let hh: string | undefined, mi: string | undefined, ss: string | undefined, zone: string | undefined;
  if (m) {
    [, y, mo, d, hh, mi, ss, zone] = m as unknown as [string, string, string, string, string?, string?, string?, string?];
  } else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
    if (!m) return null;
    [, d, mo, y, hh, mi, ss] = m as unknown as [string, string, string, string, string?, string?, string?];
    d = d.padStart(2, '0');
    mo = mo.padStart(2, '0');
    hh = hh?.padStart(2, '0');
  }
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
  if (hh === undefined) return `${y}-${mo}-${d}`;
  if (+hh > 23 || +mi! > 59 || +(ss ?? 0) > 59) return null;
  const z = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
  return `${y}-${mo}-${d}T${hh}:${mi}:${ss ?? '00'}${z}`;
}
