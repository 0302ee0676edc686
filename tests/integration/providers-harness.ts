import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pino from 'pino';
import { RecordingsDao } from '../../db/dao/recordings-dao.js';
import { openDatabase, type AppDatabase } from '../../db/open.js';
import { loadConfig } from '../../main/config/load-config.js';
import { providerServices, type ProviderServices, type ServiceDeps } from '../../main/domains/analysis/services.js';
import type { TranscribeOutcome } from '../../main/domains/transcripts/transcription-service.js';
import { WorkerPool } from '../../main/jobs/worker-pool.js';
import type { TranscriptionResult } from '../../main/providers/types.js';
import { localAudio } from '../../main/steps/local-audio.js';
import { computeHere } from '../helpers/local-compute.js';
import type { SecretName, Settings } from '../../preload/contract/schemas/settings.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { daosFor } from '../helpers/project-calls.js';
import type { CallTruth } from '../helpers/fixtures.js';

/**
 * A real SQLite database in a temp dir with the transcription/analysis services wired to fake
 * providers. Recordings are inserted straight into the table (import is another feature's test).
 */
export interface ProviderHarness {
  db: AppDatabase;
  settings: Settings;
  secrets: Partial<Record<SecretName, string>>;
  services: ProviderServices;
  addRecording(path: string, truth: { duration_s: number; channels: number }): number;
  /** The transcribe step's service call with its provider work run here (as the embedded transport does). */
  transcribe(recordingId: number): Promise<TranscribeOutcome>;
  close(): void;
}

export async function startProviderHarness(env: Record<string, string>, hooks: Partial<ServiceDeps> = {}): Promise<ProviderHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-providers-'));
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', ...env });
  const logger = pino({ level: 'silent' });
  const db = await openDatabase({ file: join(dataDir, 'app.db'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 1000, logger });
  const secrets: Partial<Record<SecretName, string>> = { OPENAI_API_KEY: 'test-key', ELEVENLABS_API_KEY: 'test-key' };
  const services = providerServices({ ...daosFor(db), logger, settings: () => config.settings, secret: (n) => secrets[n], ...hooks });
  const recordings = new RecordingsDao(db);
  const pool = new WorkerPool(1);
  return {
    db, settings: config.settings, secrets, services,
    addRecording(path, truth) {
      const bytes = readFileSync(path);
      return recordings.insert({
        sha256: createHash('sha256').update(bytes).update(path).digest('hex'), fileName: basename(path), audioPath: path, sizeBytes: statSync(path).size,
        durationSec: truth.duration_s, channels: truth.channels, sampleRate: 16000, codec: 'pcm_s16le', container: 'wav', stereoSplit: truth.channels === 2,
      }).id;
    },
    transcribe(recordingId) {
      const job = { id: 0, recordingId, step: 'transcribe', attempt: 1, maxAttempts: 1, fencingToken: 0 };
      const compute = computeHere(
        { providers: services.env, apiStyles: services.status.apiStyles, analyzer: services.env.analyzer, audio: localAudio((id) => recordings.get(id)?.audioPath) },
        { job, signal: new AbortController().signal, log: logger, progress: () => {}, pool },
      );
      return services.transcription.transcribe(recordingId, (input) => compute<TranscriptionResult>('transcribe', input));
    },
    close() {
      void pool.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, ' ').split(/\s+/).filter((w) => w !== '');

/** Word error rate of the transcript's text (segments in time order) against the truth turns. */
export function wordErrorRate(t: NormalizedTranscript, truth: CallTruth): number {
  const hyp = norm(t.segments.map((s) => s.text).join(' '));
  const ref = norm(truth.turns.map((x) => x.text).join(' '));
  const d = Array.from({ length: ref.length + 1 }, (_, i) => [i, ...Array<number>(hyp.length).fill(0)]);
  for (let j = 1; j <= hyp.length; j++) d[0]![j] = j;
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= hyp.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
  }
  return d[ref.length]![hyp.length]! / Math.max(ref.length, 1);
}

/** Segments whose role disagrees with the truth turn they overlap most. */
export function roleMismatches(t: NormalizedTranscript, truth: CallTruth): string[] {
  return t.segments.flatMap((s) => {
    let best: CallTruth['turns'][number] | undefined;
    let bestO = 0;
    for (const turn of truth.turns) {
      const o = Math.min(s.end, turn.end) - Math.max(s.start, turn.start);
      if (o > bestO) [best, bestO] = [turn, o];
    }
    return best && best.speaker !== s.role ? [`${s.start.toFixed(1)}s "${s.text.slice(0, 30)}": ${s.role} ≠ ${best.speaker}`] : [];
  });
}
