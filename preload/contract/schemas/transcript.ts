import { z } from 'zod';

/**
 * The normalized transcript every provider, parser and analysis step speaks. Times are seconds from
 * the start of the recording. `speaker` is the provider's label (stable within a call, e.g. "speaker_0"
 * or "channel_0"); `role` is who that speaker is in the call.
 */
export const SpeakerRole = z.enum(['agent', 'customer', 'unknown']);
export type SpeakerRole = z.infer<typeof SpeakerRole>;

export const TranscriptWord = z.object({
  text: z.string(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  confidence: z.number().min(0).max(1).nullable(),
  speaker: z.string(),
});
export type TranscriptWord = z.infer<typeof TranscriptWord>;

export const TranscriptSegment = z.object({
  speaker: z.string(),
  role: SpeakerRole,
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  words: z.array(TranscriptWord),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;

export const SpeakerInfo = z.object({
  id: z.string(),
  role: SpeakerRole,
  /** Display name the reviewer chose ("Dana"); null shows the role. */
  name: z.string().nullable(),
  /** 0..1: how sure the role assignment is (1 when it comes from a stereo channel split). */
  roleConfidence: z.number().min(0).max(1),
  roleSource: z.enum(['channel', 'content', 'reviewer', 'import']),
});
export type SpeakerInfo = z.infer<typeof SpeakerInfo>;

export const NormalizedTranscript = z.object({
  language: z.string().nullable(),
  durationSec: z.number().nonnegative().nullable(),
  speakers: z.array(SpeakerInfo),
  segments: z.array(TranscriptSegment),
});
export type NormalizedTranscript = z.infer<typeof NormalizedTranscript>;
