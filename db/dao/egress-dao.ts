import type { EgressItem, EgressTotals } from '../../preload/contract/schemas/observability.js';
import type { AppDatabase } from '../open.js';

export type { EgressItem, EgressTotals };

export interface EgressDay extends EgressTotals {
  day: string;
  provider: string;
}

export type EgressRow = Omit<EgressItem, 'id' | 'costUsd' | 'traceId'> & { recordingId: number | null; jobId: number | null; traceId?: string | null };

const totalsSql = `count(*) AS requests, coalesce(sum(bytes_sent), 0) AS bytesSent, coalesce(sum(bytes_received), 0) AS bytesReceived,
  coalesce(sum(audio_sec), 0) AS audioSec, coalesce(sum(chars_sent), 0) AS charsSent, coalesce(sum(cost_usd), 0) AS costUsd`;

const itemColumns = `id, at, step, provider, operation, endpoint, model, bytes_sent AS bytesSent, bytes_received AS bytesReceived,
  audio_sec AS audioSec, chars_sent AS charsSent, status, error, request_id AS requestId, cost_usd AS costUsd, trace_id AS traceId,
  duration_ms AS durationMs`;

/** The egress ledger (provider_requests): what left this machine, per call and per day. */
export class EgressDao {
  constructor(private readonly db: AppDatabase) {}

  record(r: EgressRow): void {
    this.db.timed('egress.record', () =>
      this.db.sqlite
        .prepare(`INSERT INTO provider_requests (at, recording_id, job_id, step, provider, operation, endpoint, model, bytes_sent,
                    bytes_received, audio_sec, chars_sent, status, error, request_id, trace_id, duration_ms)
                  VALUES (@at, @recordingId, @jobId, @step, @provider, @operation, @endpoint, @model, @bytesSent, @bytesReceived,
                    @audioSec, @charsSent, @status, @error, @requestId, @traceId, @durationMs)`)
        .run({ ...r, traceId: r.traceId ?? null }),
    );
  }

  /**
   * Spread a finished step's cost over the successful requests of that job not costed yet: by audio
   * seconds when every one has them (transcription chunks), else all of it on the last one (the
   * analysis answer that was kept).
   */
  attributeCost(jobId: number, costUsd: number): void {
    this.db.timed('egress.attributeCost', () =>
      this.db.sqlite.transaction(() => {
        const rows = this.db.sqlite
          .prepare(`SELECT id, audio_sec AS audioSec FROM provider_requests
                    WHERE job_id = @jobId AND cost_usd IS NULL AND status BETWEEN 200 AND 299 ORDER BY id`)
          .all({ jobId }) as { id: number; audioSec: number | null }[];
        if (!rows.length) return;
        const set = this.db.sqlite.prepare('UPDATE provider_requests SET cost_usd = @cost WHERE id = @id');
        const audio = rows.reduce((a, r) => a + (r.audioSec ?? 0), 0);
        if (audio > 0 && rows.every((r) => r.audioSec !== null)) for (const r of rows) set.run({ cost: (costUsd * r.audioSec!) / audio, id: r.id });
        else set.run({ cost: costUsd, id: rows.at(-1)!.id });
      }).immediate(),
    );
  }

  /** Every request of one call, the totals, and whether anything of it ever left the machine. */
  forRecording(recordingId: number): { leftMachine: boolean; items: EgressItem[]; totals: EgressTotals } {
    return this.db.timed('egress.forRecording', () => {
      const reader = this.db.reader();
      const items = reader.prepare(`SELECT ${itemColumns} FROM provider_requests WHERE recording_id = @recordingId ORDER BY at, id`).all({ recordingId }) as EgressItem[];
      const totals = reader.prepare(`SELECT ${totalsSql} FROM provider_requests WHERE recording_id = @recordingId`).get({ recordingId }) as EgressTotals;
      return { leftMachine: items.length > 0, items, totals };
    });
  }

  /** Totals per provider in [from, to) (epoch ms). */
  byProvider(from: number, to: number): (EgressTotals & { provider: string })[] {
    return this.db.timed('egress.byProvider', () =>
      this.db.reader()
        .prepare(`SELECT provider, ${totalsSql} FROM provider_requests WHERE at >= @from AND at < @to GROUP BY provider ORDER BY provider`)
        .all({ from, to }) as (EgressTotals & { provider: string })[],
    );
  }

  /** Totals per provider and UTC day in [from, to) (epoch ms). */
  byDay(from: number, to: number): EgressDay[] {
    return this.db.timed('egress.byDay', () =>
      this.db.reader()
        .prepare(`SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day, provider, ${totalsSql}
                  FROM provider_requests WHERE at >= @from AND at < @to GROUP BY day, provider ORDER BY day, provider`)
        .all({ from, to }) as EgressDay[],
    );
  }
}
