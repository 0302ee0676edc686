import { z } from 'zod';
import type { Access } from '../../preload/contract/define.js';
import { AppError } from '../errors.js';

/**
 * Calibration blindness, the one rule for every transport (the registry, the non-JSON routes, the
 * event stream): a reviewer scoring calls in an open calibration session they have not submitted sees
 * neither the AI's answers nor anyone else's for those calls. `blind` maps each such call to its
 * session's name (empty for everyone else, so nothing changes for them).
 *
 * Deny by default, like the agent scope: an operation or route is answered as usual only when it
 * declares `blind: 'safe'` (it carries no answer: a transcript, the audio, settings) or says it is not
 * call data (agent scope `none` / `self`). Otherwise one that names recordings — a `/recordings/{id}`
 * path, a `recordingId` or `recordingIds` input — is refused for a blinded call; a call list whose
 * filter has `exceptIds` gets the blinded calls forced into it (left out of the rows and the figures);
 * anything else is refused while the caller scores blind, since it could show the answers.
 */
export type BlindCalls = ReadonlyMap<number, string>;

export const noBlindCalls: BlindCalls = new Map();

type Declared = Pick<Access, 'blind' | 'scope'> & { path: string };

/** Whether a path's `{id}` is a recording (the only kind of id the non-JSON routes take, too). */
export const isRecordingPath = (path: string) => path.includes('/recordings/{id}');

/** Whether a call filter can leave calls out: the schema has the `exceptIds` field the rule forces. */
export const filtersExcept = (schema: z.ZodType | undefined): boolean => schema instanceof z.ZodObject && 'exceptIds' in schema.shape;

export function blindError(session: string): AppError {
  return new AppError(
    'forbidden',
    `You are scoring this call blind in calibration “${session}”; its answers open once you submit your scores.`,
    'Score it in My reviews → Calibration and submit; its transcript and audio stay open meanwhile.',
  );
}

/** The recordings an input names: the path's `{id}` on a recording path, `recordingId`, `recordingIds`. */
function namedRecordings(def: Declared, input: Record<string, unknown>, pathId: number | null): number[] {
  const ids: number[] = [];
  if (isRecordingPath(def.path) && pathId !== null) ids.push(pathId);
  if (typeof input.recordingId === 'number') ids.push(input.recordingId);
  if (Array.isArray(input.recordingIds)) for (const id of input.recordingIds) if (typeof id === 'number') ids.push(id);
  return ids;
}

export function blindFor(def: Declared, input: Record<string, unknown>, pathId: number | null, filterHasExcept: boolean, blind: BlindCalls): Record<string, unknown> | AppError {
  if (blind.size === 0 || def.blind === 'safe' || def.scope === 'none' || def.scope === 'self') return input;
  const named = namedRecordings(def, input, pathId);
  for (const id of named) {
    const session = blind.get(id);
    if (session !== undefined) return blindError(session);
  }
  if (named.length) return input;
  if (filterHasExcept) {
    const given = Array.isArray(input.exceptIds) ? (input.exceptIds as number[]) : [];
    return { ...input, exceptIds: [...new Set([...given, ...blind.keys()])] };
  }
  const session = blind.values().next().value!;
  return new AppError(
    'forbidden',
    `While you score calls blind in calibration “${session}”, this is closed to you: it could show their answers.`,
    'Submit your scores in My reviews → Calibration; everything opens again then.',
  );
}
