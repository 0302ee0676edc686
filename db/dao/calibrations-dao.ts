import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

export interface SessionRow {
  id: number; name: string; rubricId: number; rubricName: string; rubricVersion: number; criteria: unknown; dueOn: string | null;
  status: 'open' | 'closed'; ownerId: number | null; createdBy: string; createdAt: number; closedAt: number | null; calls: number;
}
export interface ParticipantRow { sessionId: number; userId: number; name: string; submittedAt: number | null }
export interface CallRow { recordingId: number; fileName: string; agent: string | null; callAt: string; durationSec: number }
export interface AnswerRow { userId: number; recordingId: number; criterionId: string; answer: string; comment: string }
export interface ConsensusRow { recordingId: number; criterionId: string; answer: string }
export interface NewSession { name: string; rubricId: number; rubricVersion: number; criteria: unknown; dueOn: string | null; ownerId: number | null; createdBy: string; createdAt: number }

const SESSION = `c.id, c.name, c.rubric_id AS rubricId, r.name AS rubricName, c.rubric_version AS rubricVersion, c.criteria, c.due_on AS dueOn, c.status,
  c.owner_id AS ownerId, c.created_by AS createdBy, c.created_at AS createdAt, c.closed_at AS closedAt,
  (SELECT count(*) FROM calibration_calls k WHERE k.session_id = c.id) AS calls`;
const parseSession = (r: Record<string, unknown>): SessionRow => ({ ...(r as unknown as SessionRow), criteria: JSON.parse(r.criteria as string) });

/** Reviewers and above can score a calibration (preload/contract/define.ts roles). */
const SCORING_ROLES = `('reviewer', 'lead', 'admin')`;

/**
 * Calibration sessions: their calls, participants, answers and the lead's consensus. The blind set
 * (`blindCalls`) is one indexed read per request: open sessions × the caller's unsubmitted participations.
 */
export class CalibrationsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'calibrations');
  }

  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  /** The calls an account scores blind now, each with its session's name. */
  blindCalls(userId: number): Map<number, string> {
    return this.stmts.run('blindCalls', `SELECT k.recording_id AS recordingId, c.name FROM calibration_participants p
        JOIN calibration_sessions c ON c.id = p.session_id AND c.status = 'open'
        JOIN calibration_calls k ON k.session_id = p.session_id
        WHERE p.user_id = @userId AND p.submitted_at IS NULL`,
    (s) => new Map((s.all({ userId }) as { recordingId: number; name: string }[]).map((r) => [r.recordingId, r.name])));
  }

  /** Active accounts that may score, by id (the rest of the ids are not such accounts). */
  scorers(ids: number[]): Map<number, string> {
    return this.stmts.run('scorers', `SELECT id, display_name AS name FROM users WHERE id IN (SELECT value FROM json_each(@ids)) AND disabled = 0 AND role IN ${SCORING_ROLES}`,
      (s) => new Map((s.all({ ids: JSON.stringify(ids) }) as { id: number; name: string }[]).map((r) => [r.id, r.name])));
  }

  /** Which of these recordings exist. */
  existing(ids: number[]): Set<number> {
    return this.stmts.run('existing', 'SELECT id FROM recordings WHERE id IN (SELECT value FROM json_each(@ids))',
      (s) => new Set((s.all({ ids: JSON.stringify(ids) }) as { id: number }[]).map((r) => r.id)));
  }

  nameTaken(name: string): boolean {
    return this.stmts.run('nameTaken', 'SELECT 1 FROM calibration_sessions WHERE name = @name COLLATE NOCASE', (s) => s.get({ name }) !== undefined);
  }

  insert(session: NewSession, recordingIds: number[], participantIds: number[]): number {
    return this.transaction(() => {
      const id = this.stmts.run('insert', `INSERT INTO calibration_sessions (name, rubric_id, rubric_version, criteria, due_on, owner_id, created_by, created_at)
          VALUES (@name, @rubricId, @rubricVersion, @criteria, @dueOn, @ownerId, @createdBy, @createdAt)`,
      (s) => Number(s.run({ ...session, criteria: JSON.stringify(session.criteria) }).lastInsertRowid));
      recordingIds.forEach((recordingId, position) =>
        this.stmts.run('insertCall', 'INSERT INTO calibration_calls (session_id, recording_id, position) VALUES (@id, @recordingId, @position)', (s) => s.run({ id, recordingId, position })));
      for (const userId of participantIds) {
        this.stmts.run('insertParticipant', 'INSERT INTO calibration_participants (session_id, user_id) VALUES (@id, @userId)', (s) => s.run({ id, userId }));
      }
      return id;
    });
  }

  get(id: number): SessionRow | undefined {
    return this.stmts.run('get', `SELECT ${SESSION} FROM calibration_sessions c JOIN rubrics r ON r.id = c.rubric_id WHERE c.id = @id`,
      (s) => { const r = s.get({ id }) as Record<string, unknown> | undefined; return r && parseSession(r); });
  }

  /** Every session (`userId` null), or those the account leads or scores; newest first. */
  list(userId: number | null): SessionRow[] {
    return this.stmts.run('list', `SELECT ${SESSION} FROM calibration_sessions c JOIN rubrics r ON r.id = c.rubric_id
        WHERE @userId IS NULL OR c.owner_id = @userId OR EXISTS (SELECT 1 FROM calibration_participants p WHERE p.session_id = c.id AND p.user_id = @userId)
        ORDER BY c.created_at DESC, c.id DESC LIMIT 500`,
    (s) => (s.all({ userId }) as Record<string, unknown>[]).map(parseSession));
  }

  participants(sessionIds: number[]): ParticipantRow[] {
    return this.stmts.run('participants', `SELECT p.session_id AS sessionId, p.user_id AS userId, u.display_name AS name, p.submitted_at AS submittedAt
        FROM calibration_participants p JOIN users u ON u.id = p.user_id WHERE p.session_id IN (SELECT value FROM json_each(@ids))
        ORDER BY u.display_name COLLATE NOCASE, u.id`,
    (s) => s.all({ ids: JSON.stringify(sessionIds) }) as ParticipantRow[]);
  }

  calls(sessionId: number): CallRow[] {
    return this.stmts.run('calls', `SELECT k.recording_id AS recordingId, r.file_name AS fileName, s.agent, s.call_at AS callAt, s.duration_sec AS durationSec
        FROM calibration_calls k JOIN recordings r ON r.id = k.recording_id JOIN call_summary s ON s.recording_id = k.recording_id
        WHERE k.session_id = @sessionId ORDER BY k.position`,
    (s) => s.all({ sessionId }) as CallRow[]);
  }

  /** The answers of one participant (`userId`), or of everyone (null). */
  answers(sessionId: number, userId: number | null): AnswerRow[] {
    return this.stmts.run('answers', `SELECT user_id AS userId, recording_id AS recordingId, criterion_id AS criterionId, answer, comment
        FROM calibration_answers WHERE session_id = @sessionId AND (@userId IS NULL OR user_id = @userId)`,
    (s) => s.all({ sessionId, userId }) as AnswerRow[]);
  }

  saveAnswers(sessionId: number, userId: number, answers: Omit<AnswerRow, 'userId'>[], at: number): void {
    this.transaction(() => {
      for (const a of answers) {
        this.stmts.run('saveAnswer', `INSERT INTO calibration_answers (session_id, user_id, recording_id, criterion_id, answer, comment, updated_at)
            VALUES (@sessionId, @userId, @recordingId, @criterionId, @answer, @comment, @at)
            ON CONFLICT (session_id, user_id, recording_id, criterion_id) DO UPDATE SET answer = excluded.answer, comment = excluded.comment, updated_at = excluded.updated_at`,
        (s) => s.run({ sessionId, userId, ...a, at }));
      }
    });
  }

  /** Marks the participant's answers final; false when they already were. */
  submit(sessionId: number, userId: number, at: number): boolean {
    return this.stmts.run('submit', 'UPDATE calibration_participants SET submitted_at = @at WHERE session_id = @sessionId AND user_id = @userId AND submitted_at IS NULL',
      (s) => s.run({ sessionId, userId, at }).changes === 1);
  }

  close(sessionId: number, at: number): void {
    this.stmts.run('close', "UPDATE calibration_sessions SET status = 'closed', closed_at = @at WHERE id = @sessionId AND status = 'open'", (s) => s.run({ sessionId, at }));
  }

  /** The AI's answers (call_criteria.ai_answer) to the session's calls. */
  aiAnswers(sessionId: number): ConsensusRow[] {
    return this.stmts.run('aiAnswers', `SELECT c.recording_id AS recordingId, c.criterion_id AS criterionId, c.ai_answer AS answer
        FROM calibration_calls k JOIN call_criteria c ON c.recording_id = k.recording_id WHERE k.session_id = @sessionId`,
    (s) => s.all({ sessionId }) as ConsensusRow[]);
  }

  consensus(sessionId: number): ConsensusRow[] {
    return this.stmts.run('consensus', 'SELECT recording_id AS recordingId, criterion_id AS criterionId, answer FROM calibration_consensus WHERE session_id = @sessionId',
      (s) => s.all({ sessionId }) as ConsensusRow[]);
  }

  setConsensus(sessionId: number, row: ConsensusRow & { setBy: string; setAt: number }): void {
    this.stmts.run('setConsensus', `INSERT INTO calibration_consensus (session_id, recording_id, criterion_id, answer, set_by, set_at)
        VALUES (@sessionId, @recordingId, @criterionId, @answer, @setBy, @setAt)
        ON CONFLICT (session_id, recording_id, criterion_id) DO UPDATE SET answer = excluded.answer, set_by = excluded.set_by, set_at = excluded.set_at`,
    (s) => s.run({ sessionId, ...row }));
  }

  clearConsensus(sessionId: number, recordingId: number, criterionId: string): void {
    this.stmts.run('clearConsensus', 'DELETE FROM calibration_consensus WHERE session_id = @sessionId AND recording_id = @recordingId AND criterion_id = @criterionId',
      (s) => s.run({ sessionId, recordingId, criterionId }));
  }
}
