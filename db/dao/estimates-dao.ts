import type { AppDatabase } from '../open.js';

/** What an estimate needs to know of one recording. */
export interface RecordingFacts {
  id: number;
  durationSec: number;
  hasTranscript: boolean;
}

/** This app's own recent figures for one model; `samples` 0 when it has none yet. */
export interface TranscriptionHistory {
  samples: number;
  /** USD per second of recording (stereo splits and billing rounding included). */
  usdPerSec: number | null;
  /** Provider seconds per second of recording. */
  secPerSec: number | null;
}

export interface AnalysisHistory {
  samples: number;
  inputTokensPerSec: number | null;
  outputTokensPerCall: number | null;
  /** Provider seconds per analysed call. */
  secPerCall: number | null;
}

/** Recent enough to follow a price or speed change, many enough to average out one odd call. */
const HISTORY = 200;
/** SQLite's bound-parameter limit is far above this; chunks keep each statement small. */
const CHUNK = 500;

/** Read side of cost and time estimates: recording facts and per-model history. */
export class EstimatesDao {
  constructor(private readonly db: AppDatabase) {}

  facts(ids: readonly number[]): RecordingFacts[] {
    return this.db.timed('estimates.facts', () => {
      const out: RecordingFacts[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const rows = this.db.reader()
          .prepare(`SELECT r.id, r.duration_sec AS durationSec, EXISTS (SELECT 1 FROM transcripts t WHERE t.recording_id = r.id) AS hasTranscript
                    FROM recordings r WHERE r.id IN (SELECT value FROM json_each(@ids))`)
          .all({ ids: JSON.stringify(part) }) as { id: number; durationSec: number; hasTranscript: number }[];
        for (const r of rows) out.push({ id: r.id, durationSec: r.durationSec, hasTranscript: r.hasTranscript === 1 });
      }
      return out;
    });
  }

  transcription(model: string): TranscriptionHistory {
    return this.db.timed('estimates.transcription', () => {
      const reader = this.db.reader();
      const cost = reader
        .prepare(`SELECT count(*) AS n, sum(cost_usd) AS usd, sum(duration_sec) AS sec FROM (
                    SELECT t.cost_usd, r.duration_sec FROM transcripts t JOIN recordings r ON r.id = t.recording_id
                    WHERE t.model = @model AND t.cost_usd IS NOT NULL AND r.duration_sec > 0 ORDER BY t.id DESC LIMIT ${HISTORY})`)
        .get({ model }) as { n: number; usd: number | null; sec: number | null };
      const time = reader
        .prepare(`SELECT sum(ms) AS ms, sum(sec) AS sec FROM (
                    SELECT sum(p.duration_ms) AS ms, r.duration_sec AS sec FROM provider_requests p JOIN recordings r ON r.id = p.recording_id
                    WHERE p.step = 'transcribe' AND p.model = @model AND p.status BETWEEN 200 AND 299 AND r.duration_sec > 0
                    GROUP BY p.job_id, p.recording_id ORDER BY max(p.id) DESC LIMIT ${HISTORY})`)
        .get({ model }) as { ms: number | null; sec: number | null };
      return {
        samples: cost.n,
        usdPerSec: cost.n && cost.sec ? (cost.usd ?? 0) / cost.sec : null,
        secPerSec: time.ms !== null && time.sec ? time.ms / 1000 / time.sec : null,
      };
    });
  }

  analysis(model: string): AnalysisHistory {
    return this.db.timed('estimates.analysis', () => {
      const reader = this.db.reader();
      // A cache hit is stored as a copy with the same tokens: one row per distinct analysis counts.
      const tokens = reader
        .prepare(`SELECT count(*) AS n, sum(a.input_tokens) AS input, sum(a.output_tokens) AS output, sum(r.duration_sec) AS sec
                  FROM analyses a JOIN recordings r ON r.id = a.recording_id
                  WHERE a.id IN (SELECT min(id) FROM analyses WHERE model = @model AND input_tokens > 0
                                 GROUP BY transcript_hash, rubric_id, rubric_version, prompt_version ORDER BY min(id) DESC LIMIT ${HISTORY})
                    AND r.duration_sec > 0`)
        .get({ model }) as { n: number; input: number | null; output: number | null; sec: number | null };
      const time = reader
        .prepare(`SELECT count(*) AS n, sum(ms) AS ms FROM (
                    SELECT sum(duration_ms) AS ms FROM provider_requests
                    WHERE step = 'analyze' AND model = @model AND status BETWEEN 200 AND 299 AND job_id IS NOT NULL
                    GROUP BY job_id ORDER BY max(id) DESC LIMIT ${HISTORY})`)
        .get({ model }) as { n: number; ms: number | null };
      return {
        samples: tokens.n,
        inputTokensPerSec: tokens.n && tokens.sec ? (tokens.input ?? 0) / tokens.sec : null,
        outputTokensPerCall: tokens.n ? (tokens.output ?? 0) / tokens.n : null,
        secPerCall: time.n && time.ms !== null ? time.ms / 1000 / time.n : null,
      };
    });
  }
}
