import { z } from 'zod';

/**
 * Local audio facts about one recording, computed on the workstation (no provider involved): what
 * the file is (probe) and how the call sounded (talk, silence, overtalk, loudness, waveform).
 * Times are seconds from the start of the recording; levels are dBFS (0 = full scale).
 */

export const AudioProbeInfo = z.object({
  durationSec: z.number().positive(),
  codec: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  bitRate: z.number().nonnegative().nullable(),
  container: z.string(),
  sizeBytes: z.number().int().positive(),
  stereoSplitPossible: z.boolean(),
});
export type AudioProbeInfo = z.infer<typeof AudioProbeInfo>;

const seconds = z.number().nonnegative();
/** dBFS, null for digital silence (log of zero). */
const dbfs = z.number().max(0.01).nullable();

export const TimeSpan = z.object({ start: seconds, end: seconds });
export type TimeSpan = z.infer<typeof TimeSpan>;

export const StereoTalk = z.object({ agent: seconds, customer: seconds }).strict();
export const MonoTalk = z.object({ total: seconds }).strict();

export const ChannelStats = z.object({
  channel: z.number().int().nonnegative(),
  /** channel 0 = agent (left), 1 = customer (right) when the call is stereo-split; else 'mixed'. */
  role: z.enum(['agent', 'customer', 'mixed']),
  talkSeconds: seconds,
  rmsDbfs: dbfs,
  /** RMS over the frames the VAD marked as speech: the level the listener actually hears. */
  speechRmsDbfs: dbfs,
  peakDbfs: dbfs,
  /** Final adaptive noise floor estimate of the VAD. */
  noiseFloorDbfs: dbfs,
  /** Speech segments found by the VAD, [start, end] in seconds. */
  segments: z.array(z.tuple([seconds, seconds])),
});
export type ChannelStats = z.infer<typeof ChannelStats>;

export const Waveform = z.object({
  /** Seconds of audio per bucket. */
  bucketSec: z.number().positive(),
  /** Per channel, min and max sample (-1..1) in each bucket: draw a line from min to max. */
  channels: z.array(z.object({ min: z.array(z.number().min(-1).max(1)), max: z.array(z.number().min(-1).max(1)) })),
});
export type Waveform = z.infer<typeof Waveform>;

export const AudioMetrics = z
  .object({
    version: z.literal(1),
    durationSec: seconds,
    /** Rate the analysis decoded at (the file's own rate is in the probe). */
    analysisSampleRate: z.number().int().positive(),
    frameSec: z.number().positive(),
    channels: z.number().int().positive(),
    /** True when channel 0 and 1 carry different parties (false for mono and dual-mono stereo). */
    stereoSplit: z.boolean(),
    talkSeconds: z.union([StereoTalk, MonoTalk]),
    /** Nobody speaking. */
    silenceSeconds: seconds,
    silenceShare: z.number().min(0).max(1),
    longestSilenceSec: seconds,
    /** Silences at least holdGapMinSec long: holds, dead air, transfers. */
    holdGapMinSec: z.number().positive(),
    holdGaps: z.array(TimeSpan),
    /** Both parties at once; null when the channels cannot be told apart. */
    overtalkSeconds: seconds.nullable(),
    overtalkCount: z.number().int().nonnegative().nullable(),
    channelStats: z.array(ChannelStats),
    waveform: Waveform,
  })
  .superRefine((m, ctx) => {
    const stereoShape = 'agent' in m.talkSeconds;
    if (stereoShape !== m.stereoSplit)
      ctx.addIssue({ code: 'custom', path: ['talkSeconds'], message: 'talkSeconds must be {agent, customer} exactly when stereoSplit' });
    if (m.stereoSplit !== (m.overtalkSeconds !== null))
      ctx.addIssue({ code: 'custom', path: ['overtalkSeconds'], message: 'overtalkSeconds is null exactly when not stereoSplit' });
  });
export type AudioMetrics = z.infer<typeof AudioMetrics>;
