import type { LocalAnalyticsDao } from '../../../db/dao/local-analytics-dao.js';
import type { Daos } from '../../../db/daos.js';
import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { TranscriptQualityDao } from '../../../db/dao/transcript-quality-dao.js';
import type { TranscriptsDao } from '../../../db/dao/transcripts-dao.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';
import type {
  RecordingLocalChecks,
  RecordingMetrics,
  RecordingPii,
  RecordingWaveform,
  TranscriptQualityView,
} from '../../../preload/contract/schemas/local-analytics.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { AppError, noSuchRecording } from '../../errors.js';
import { detectPii, piiCategories, type PiiCategory, type PiiFinding } from '../../text/pii/index.js';
import { redactTranscript, type RedactionResult } from '../../text/redact.js';
import { writeSilencedCopy } from './audio-redact.js';
import { PII_MIN_CONFIDENCE } from './compute.js';
import { normalizeSpokenNumbers } from '../../text/spoken-numbers.js';

/**
 * What the screen shows of a finding: every letter and digit masked but the last two characters that
 * are letters or digits ("4556 7375 8689 9855" → "•••• •••• •••• ••55", "one two three" → "••• ••• •••ee").
 */
export function maskKeepingEnd(raw: string): string {
  // Spoken numbers show their last digits as digits ("… nine eight five five" → "••••••••••••••55").
  const spoken = normalizeSpokenNumbers(raw).text;
  const text = /\d{4}/.test(spoken.replace(/[\s,.-]/g, '')) ? spoken : raw;
  const ends = [...text.matchAll(/[\p{L}\p{N}]/gu)].map((m) => m.index);
  const keepFrom = ends.length > 2 ? ends[ends.length - 2]! : 0;
  return text.replace(/[\p{L}\p{N}]/gu, (c, offset: number) => (offset < keepFrom ? '•' : c));
}

/**
 * Reads of the offline analytics for the API and the call detail, and the redaction helpers exports
 * use. Results computed for an older transcript are reported as pending, never shown as current.
 */
export class LocalAnalyticsService {
  private readonly dao: LocalAnalyticsDao;
  private readonly transcripts: TranscriptsDao;
  private readonly recordings: RecordingsDao;

  private readonly quality_: TranscriptQualityDao;

  constructor(daos: Pick<Daos, 'localAnalytics' | 'recordings' | 'transcriptQuality' | 'transcripts'>, private readonly settings: () => Pick<Settings, 'redactCategories' | 'transcriptQualityMin'>) {
    this.dao = daos.localAnalytics;
    this.quality_ = daos.transcriptQuality;
    this.transcripts = daos.transcripts;
    this.recordings = daos.recordings;
  }

  private mustExist(id: number): void {
    if (!this.recordings.get(id)) throw noSuchRecording(id);
  }

  /** Transcript-based results, only when computed from the current transcript. */
  private current(id: number) {
    const t = this.transcripts.get(id);
    const local = this.dao.getLocalAnalysis(id);
    const status = !t ? 'no_transcript' as const : local && local.transcriptHash === t.contentHash ? 'ready' as const : 'pending' as const;
    return { transcript: t, local: status === 'ready' ? local! : null, status };
  }

  metrics(id: number): RecordingMetrics {
    this.mustExist(id);
    const audio = this.dao.getAudioMetrics(id)?.body ?? null;
    const { local, status } = this.current(id);
    const conv = local?.conversation ?? null;
    // Per party beats a total: a stereo split is exact; a mono call with roles in its transcript
    // still knows who talked how long from the word times.
    let talkSeconds: RecordingMetrics['talkSeconds'] = null;
    let talkSource: RecordingMetrics['talkSource'] = null;
    if (audio && 'agent' in audio.talkSeconds) [talkSeconds, talkSource] = [audio.talkSeconds, 'audio'];
    else if (conv && conv.talk.agentSec !== null && conv.talk.customerSec !== null) {
      [talkSeconds, talkSource] = [{ agent: conv.talk.agentSec, customer: conv.talk.customerSec }, 'transcript'];
    } else if (audio) [talkSeconds, talkSource] = [audio.talkSeconds, 'audio'];
    else if (conv) [talkSeconds, talkSource] = [{ total: conv.talk.totalSec }, 'transcript'];
    return {
      recordingId: id,
      talkSeconds,
      talkSource,
      silenceShare: audio?.silenceShare ?? null,
      longestSilenceSec: audio?.longestSilenceSec ?? null,
      audio,
      conversation: conv,
      transcriptQuality: this.quality(id),
      status: { audio: audio ? 'ready' : 'pending', conversation: status },
    };
  }

  /** The current transcript's quality with today's threshold; null until the index step scored it. */
  quality(id: number): TranscriptQualityView | null {
    const t = this.transcripts.get(id);
    const q = t ? this.quality_.get(id, t.contentHash) : null;
    if (!q) return null;
    const threshold = this.settings().transcriptQualityMin;
    return { ...q, threshold, low: q.score < threshold };
  }

  pii(id: number, masked = false): RecordingPii {
    this.mustExist(id);
    const { status } = this.current(id);
    const findings = status === 'ready' ? this.dao.listPii(id) : [];
    return { recordingId: id, status, findings: masked ? findings.map((f) => ({ ...f, text: maskKeepingEnd(f.text) })) : findings, redactCategories: [...this.settings().redactCategories] };
  }

  /** The words of one finding (the caller audits the reveal). */
  piiText(id: number, index: number): string {
    const f = this.pii(id).findings[index];
    if (!f) throw new AppError('not_found', `Call #${id} has no personal-data finding #${index + 1}.`, 'Reload the call: its transcript may have changed.');
    return f.text;
  }

  checks(id: number): RecordingLocalChecks {
    this.mustExist(id);
    const { local, status } = this.current(id);
    return { recordingId: id, status, rules: local ? this.dao.listRules(id) : [], sentiment: local?.sentiment ?? null };
  }

  waveform(id: number): RecordingWaveform {
    this.mustExist(id);
    const w = this.dao.getWaveform(id);
    if (!w) throw new AppError('not_found', `The waveform of recording #${id} is not computed yet.`, 'It appears once the metrics step has run (see the Queue).');
    return { recordingId: id, durationSec: w.durationSec, waveform: w.waveform };
  }

  /**
   * The PII findings of the current transcript: stored ones when they are current, else detected now
   * (a transcript edited a moment ago must not be shown unmasked while the step catches up).
   */
  findingsFor(id: number, t: NormalizedTranscript, contentHash: string): PiiFinding[] {
    const local = this.dao.getLocalAnalysis(id);
    if (local && local.transcriptHash === contentHash) {
      return this.dao.listPii(id).filter((f): f is PiiFinding => (piiCategories as readonly string[]).includes(f.category));
    }
    return detectPii(t, { minConfidence: PII_MIN_CONFIDENCE });
  }

  /** The transcript with the configured categories masked, plus the audio spans to mute. */
  redacted(id: number, categories: readonly PiiCategory[] = this.settings().redactCategories): RedactionResult {
    const t = this.transcripts.get(id);
    if (!t) throw new AppError('not_found', `Recording #${id} has no transcript yet.`, 'Transcribe it or attach a transcript file.');
    return redactTranscript(t.body, this.findingsFor(id, t.body, t.contentHash), { categories });
  }

  /** For exports: a copy of the recording's audio with the configured PII categories silenced. */
  async writeRedactedAudio(id: number, outPath: string, opts: { categories?: readonly PiiCategory[]; signal?: AbortSignal } = {}): Promise<{ outPath: string; spans: number }> {
    const rec = this.recordings.get(id);
    if (!rec) throw noSuchRecording(id);
    const { silenceSpans } = this.redacted(id, opts.categories);
    return writeSilencedCopy(rec.audioPath, outPath, silenceSpans, { signal: opts.signal });
  }
}
