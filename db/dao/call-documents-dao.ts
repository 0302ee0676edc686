import type { AppDatabase } from '../open.js';

export interface CallMetaRow {
  id: number; file_name: string; audio_path: string; codec: string; container: string; duration_sec: number; call_at: string | null;
  agent: string | null; customer: string | null; queue: string | null; campaign: string | null; direction: string | null;
  external_call_id: string | null; status: string | null; reviewed_at: string | null; reviewed_by: string | null;
  /** The call's final outcome and reason (call_summary: the reviewer's where overridden). */
  outcome: string | null; call_reason: string | null;
}

/**
 * The rows one call's documents (PDF scorecard, DOCX/TXT/SRT transcript, evidence pack) are made
 * from, as read: JSON bodies still as text. Reading is cheap; parsing, correcting and redacting a long
 * transcript is not, so the PDF/DOCX exports send these rows (plain, structured-clone-able) to the
 * render worker and main/exports/call-record.ts builds the record there.
 */
export interface CallRows {
  meta: CallMetaRow;
  /** The transcript JSON; as UTF-8 bytes when read with `bodyBytes`. */
  transcriptBody: string | Uint8Array | null;
  analysis: { body: string; model: string; created_at: string } | null;
  criteria: { criterion_id: string; ai_answer: string; final_answer: string; overridden: number }[];
}

/** All SQL of one call's documents. */
export class CallDocumentsDao {
  constructor(private readonly db: AppDatabase) {}

  /**
   * Null when the recording does not exist. `bodyBytes`: the transcript body as its UTF-8 bytes, not a
   * string. A long call's body is tens of MB (every word with its times); decoding it, and cloning the
   * string to a worker, would cost the API thread ~0.3 s, whereas bytes are copied once and then
   * transferred to the worker for free.
   */
  rows(recordingId: number, opts: { bodyBytes?: boolean } = {}): CallRows | null {
    return this.db.timed('callDocuments.rows', () => {
      const conn = this.db.reader();
      const meta = conn.prepare<CallMetaRow>(`
        SELECT r.id, r.file_name, r.audio_path, r.codec, r.container, r.duration_sec, coalesce(s.call_at, r.call_time, r.imported_at) AS call_at,
               r.agent, r.customer, r.queue, r.campaign, r.direction, r.external_call_id, coalesce(s.status, r.status) AS status,
               s.reviewed_at, s.reviewed_by, s.outcome, s.call_reason
        FROM recordings r LEFT JOIN call_summary s ON s.recording_id = r.id WHERE r.id = @id`).get({ id: recordingId });
      if (!meta) return null;
      const t = conn.prepare<{ body: string | Uint8Array }>(`SELECT ${opts.bodyBytes ? 'CAST(body AS BLOB) AS body' : 'body'} FROM transcripts WHERE recording_id = @id`)
        .get({ id: recordingId });
      // The current analysis is the one call_summary points at, else the newest.
      const analysis = conn.prepare<NonNullable<CallRows['analysis']>>(`
        SELECT body, model, created_at FROM analyses
        WHERE id = coalesce((SELECT analysis_id FROM call_summary WHERE recording_id = @id), (SELECT max(id) FROM analyses WHERE recording_id = @id))`)
        .get({ id: recordingId });
      const criteria = conn.prepare<CallRows['criteria'][number]>('SELECT criterion_id, ai_answer, final_answer, overridden FROM call_criteria WHERE recording_id = @id')
        .all({ id: recordingId });
      return { meta, transcriptBody: t?.body ?? null, analysis: analysis ?? null, criteria };
    });
  }
}
