import type { CallMetadata } from '../../../preload/contract/schemas/recordings.js';
import { normaliseCallTime, normaliseDirection } from './metadata-values.js';

/**
 * Read call metadata from a file name with the reviewer's pattern, e.g. `{date}_{agent}_{callId}`
 * matches `2024-05-02_dana_C1001.wav`. Literal text between fields must appear as written; a file
 * name that does not fit the pattern simply yields no metadata (it is not an error).
 */

export type FilenameFields = Partial<Omit<CallMetadata, 'callTime'>> & { date?: string; time?: string };

const FIELD_REGEX: Record<string, string> = {
  date: '(\\d{4}[-.]?\\d{2}[-.]?\\d{2})',
  time: '(\\d{2}[-:.h]?\\d{2}(?:[-:.m]?\\d{2})?)',
  direction: '(inbound|outbound|incoming|outgoing|in|out)',
  agent: '(.+?)',
  customer: '(.+?)',
  account: '(.+?)',
  queue: '(.+?)',
  campaign: '(.+?)',
  callId: '(.+?)',
  ignore: '(?:.+?)',
};

export interface CompiledPattern {
  match(fileName: string): Partial<CallMetadata>;
}

export function compileFilenamePattern(pattern: string): CompiledPattern {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{(\w+)\}/g)) {
    source += escape(pattern.slice(last, m.index));
    const field = m[1]!;
    const re = FIELD_REGEX[field];
    if (!re) {
      source += escape(m[0]); // an unknown field is taken literally rather than failing every import
    } else {
      source += re;
      if (field !== 'ignore') names.push(field);
    }
    last = m.index + m[0].length;
  }
  source += escape(pattern.slice(last));
  const regex = names.length ? new RegExp(`^${source}$`, 'i') : null;

  return {
    match(fileName) {
      if (!regex) return {};
      const stem = fileName.replace(/\.[^.]+$/, '');
      const m = regex.exec(stem);
      if (!m) return {};
      const raw: Record<string, string> = {};
      names.forEach((n, i) => (raw[n] = m[i + 1]!));
      const out: Partial<CallMetadata> = {};
      for (const key of ['agent', 'customer', 'account', 'queue', 'campaign'] as const) if (raw[key]) out[key] = raw[key];
      if (raw.callId) out.externalCallId = raw.callId;
      if (raw.direction) out.direction = normaliseDirection(raw.direction);
      if (raw.date) {
        const t = normaliseCallTime(raw.time ? `${raw.date} ${raw.time}` : raw.date);
        if (t) out.callTime = t;
      }
      return out;
    },
  };
}

const escape = (s: string): string => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
