import { createReadStream } from 'node:fs';
import type { Daos } from '../../../db/daos.js';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors.js';

/** Content-Type per sniffed container (main/audio/sniff.ts), so the browser picks the right decoder. */
const contentTypes: Record<string, string> = {
  wav: 'audio/wav', mp3: 'audio/mpeg', mp4: 'audio/mp4', ogg: 'audio/ogg', flac: 'audio/flac', webm: 'audio/webm',
  matroska: 'audio/x-matroska', aac: 'audio/aac', amr: 'audio/amr', caf: 'audio/x-caf', aiff: 'audio/aiff', au: 'audio/basic', asf: 'audio/x-ms-wma',
};
export const audioContentType = (container: string) => contentTypes[container] ?? 'application/octet-stream';

export interface AudioResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Null for HEAD and 416. */
  body: Readable | null;
}

/**
 * One `Range: bytes=a-b` (the only form media elements send). Multi-range requests are answered with
 * the whole file, which RFC 9110 allows. Returns null for "no usable range", 'unsatisfiable' past the end.
 */
export function parseRange(header: string | undefined | null, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The recording's audio (library copy) as a 200 or 206 response, streamed from disk. */
export async function audioResponse(daos: Pick<Daos, 'recordings'>, recordingId: number, range: string | undefined | null, head = false): Promise<AudioResponse> {
  const rec = daos.recordings.get(recordingId);
  if (!rec) throw new AppError('not_found', `There is no recording #${recordingId}.`, 'It may have been deleted.');
  const info = await stat(rec.audioPath).catch(() => null);
  if (!info) throw new AppError('storage', `The audio file of "${rec.fileName}" is missing from the library.`, `Re-import the recording; it was expected at ${rec.audioPath}.`);
  const size = info.size;
  const base = { 'Content-Type': audioContentType(rec.container), 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=300' };
  const r = parseRange(range, size);
  if (r === 'unsatisfiable') return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: null };
  if (!r) return { status: 200, headers: { ...base, 'Content-Length': String(size) }, body: head ? null : createReadStream(rec.audioPath) };
  return {
    status: 206,
    headers: { ...base, 'Content-Length': String(r.end - r.start + 1), 'Content-Range': `bytes ${r.start}-${r.end}/${size}` },
    body: head ? null : createReadStream(rec.audioPath, { start: r.start, end: r.end }),
  };
}
