import type { AuditDao } from '../../../db/dao/audit-dao.js';
import type { CalibrationsDao, ParticipantRow, SessionRow } from '../../../db/dao/calibrations-dao.js';
import type { RubricsDao } from '../../../db/dao/rubrics-dao.js';
import type { Role } from '../../../preload/contract/define.js';
import {
  AMBIGUOUS_ALPHA, type CalibrationAnswer, type CalibrationAnswerValue, type CalibrationDetail, type CalibrationInput, type CalibrationResults,
  type CalibrationSummary, type SaveAnswersResult,
} from '../../../preload/contract/schemas/calibrations.js';
import { RubricCriterion } from '../../../preload/contract/schemas/rubrics.js';
import { answerKey, callKey, criterionResults, matchesConsensus } from '../../analysis/calibration.js';
import { AppError } from '../../errors.js';
import { answerProblem } from './answer-rules.js';

/** Who asks: the account (null for the local owner, who has none), its role and the audit name. */
export interface Caller { userId: number | null; role: Role | 'anonymous'; actor: string }

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const notFound = (id: number) => new AppError('not_found', `There is no calibration session #${id}.`, 'Pick a session from GET /api/v1/calibrations.');

/**
 * Calibration sessions: a lead picks calls and reviewers, each reviewer scores the calls blind and
 * submits once, and the results compare everyone's answers (main/analysis/calibration.ts). Who may
 * see what of a session is decided here; what a blind reviewer may read elsewhere in the app is
 * main/contract/blindness.ts. Every change is audited.
 */
export class CalibrationService {
  constructor(private readonly dao: CalibrationsDao, private readonly rubrics: RubricsDao, private readonly audit: AuditDao, private readonly now: () => number = Date.now) {}

  /** The session's lead: its owner (the local owner owns what it made), or an admin. */
  private isLead(s: SessionRow, c: Caller): boolean {
    return s.ownerId === c.userId || c.role === 'admin';
  }

  private summarise(s: SessionRow, participants: ParticipantRow[], c: Caller): CalibrationSummary {
    const mine = participants.find((p) => p.userId === c.userId);
    const lead = this.isLead(s, c);
    const submitted = mine !== undefined && mine.submittedAt !== null;
    return {
      id: s.id, name: s.name, rubricId: s.rubricId, rubricName: s.rubricName, rubricVersion: s.rubricVersion, status: s.status, dueOn: s.dueOn,
      createdBy: s.createdBy, createdAt: iso(s.createdAt)!, closedAt: iso(s.closedAt), calls: s.calls,
      participants: participants.map((p) => ({ userId: p.userId, name: p.name, submittedAt: iso(p.submittedAt) })),
      me: { lead, participant: mine !== undefined, submitted, seesResults: lead || submitted },
    };
  }

  /** The session, if the caller leads it or scores it; leads and admins may look at any. */
  private session(id: number, c: Caller): { s: SessionRow; participants: ParticipantRow[]; summary: CalibrationSummary } {
    const s = this.dao.get(id);
    if (!s) throw notFound(id);
    const participants = this.dao.participants([id]);
    const summary = this.summarise(s, participants, c);
    return { s, participants, summary };
  }

  list(c: Caller): CalibrationSummary[] {
    const all = c.role === 'lead' || c.role === 'admin';
    const rows = this.dao.list(all ? null : c.userId ?? -1);
    const participants = this.dao.participants(rows.map((r) => r.id));
    return rows.map((r) => this.summarise(r, participants.filter((p) => p.sessionId === r.id), c));
  }

  create(input: Required<Omit<CalibrationInput, 'rubricId'>> & { rubricId?: number }, c: Caller): CalibrationSummary {
    const name = input.name.trim();
    if (this.dao.nameTaken(name)) throw new AppError('invalid_input', `A calibration session called “${name}” exists already.`, 'Choose another name (add the month or the queue, say).');
    const rubric = input.rubricId === undefined ? this.rubrics.getDefault() : this.rubrics.get(input.rubricId);
    if (!rubric) throw new AppError('invalid_input', input.rubricId === undefined ? 'There is no default rubric to calibrate against.' : `There is no rubric #${input.rubricId}.`, 'Pick a rubric from GET /api/v1/rubrics.');
    const recordingIds = [...new Set(input.recordingIds)];
    const existing = this.dao.existing(recordingIds);
    const missing = recordingIds.filter((id) => !existing.has(id));
    if (missing.length) throw new AppError('invalid_input', `No call has the id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}.`, 'Pick the calls from the Calls list (GET /api/v1/calls).');
    const participantIds = [...new Set(input.participantIds)];
    if (participantIds.length < 2) throw new AppError('invalid_input', 'A calibration needs at least two different reviewers: agreement compares their answers.', 'Add another reviewer.');
    const scorers = this.dao.scorers(participantIds);
    const cannot = participantIds.filter((id) => !scorers.has(id));
    if (cannot.length) throw new AppError('invalid_input', `Account #${cannot.join(', #')} cannot score a calibration: not an active reviewer, lead or admin.`, 'Pick reviewers from GET /api/v1/assignments/reviewers.');
    const criteria = RubricCriterion.array().parse(rubric.criteria);
    const at = this.now();
    const id = this.dao.insert({ name, rubricId: rubric.id, rubricVersion: rubric.version, criteria, dueOn: input.dueOn, ownerId: c.userId, createdBy: c.actor, createdAt: at }, recordingIds, participantIds);
    this.audit.record({ actor: c.actor, entity: 'calibration', entityId: String(id), action: 'create', newValue: { name, rubricId: rubric.id, rubricVersion: rubric.version, recordingIds, participantIds, dueOn: input.dueOn } });
    return this.session(id, c).summary;
  }

  get(id: number, c: Caller): CalibrationDetail {
    const { s, summary } = this.session(id, c);
    if (!summary.me.participant && !summary.me.lead && c.role !== 'lead') {
      throw new AppError('forbidden', `You are not a participant of “${s.name}”.`, 'Ask its lead to add you to the next session.');
    }
    const myAnswers = c.userId === null || !summary.me.participant ? [] : this.dao.answers(id, c.userId).map(({ userId: _, ...a }) => a as CalibrationAnswer);
    return { ...summary, criteria: s.criteria as RubricCriterion[], callList: this.dao.calls(id), myAnswers };
  }

  saveAnswers(id: number, input: { answers: CalibrationAnswer[]; submit: boolean }, c: Caller): SaveAnswersResult {
    const { s, summary } = this.session(id, c);
    if (!summary.me.participant || c.userId === null) throw new AppError('forbidden', `You are not a participant of “${s.name}”, so you have no answers to give.`, 'Ask its lead to add you to the next session.');
    if (summary.me.submitted) throw new AppError('invalid_input', `Your scores for “${s.name}” were submitted and are final.`, 'Open the results to compare them.');
    if (s.status === 'closed') throw new AppError('invalid_input', `“${s.name}” was closed by its lead; it takes no more answers.`, 'Ask the lead to start a new session.');
    const criteria = new Map((s.criteria as RubricCriterion[]).map((k) => [k.id, k]));
    const calls = this.dao.calls(id);
    const callIds = new Set(calls.map((k) => k.recordingId));
    for (const a of input.answers) {
      const criterion = criteria.get(a.criterionId);
      const problem = !callIds.has(a.recordingId) ? `call #${a.recordingId} is not in this session`
        : !criterion ? `the rubric of this session has no criterion “${a.criterionId}”`
        : answerProblem(criterion, a.answer);
      if (problem) throw new AppError('invalid_input', `Answer for call #${a.recordingId}, ${a.criterionId}: ${problem}.`, 'Answer the session\'s criteria (GET /api/v1/calibrations/{id}) for its calls.');
    }
    const at = this.now();
    this.dao.saveAnswers(id, c.userId, input.answers.map((a) => ({ ...a, comment: a.comment ?? '' })), at);
    const answered = new Set(this.dao.answers(id, c.userId).map((a) => callKey(a.recordingId, a.criterionId)));
    const unanswered = calls.flatMap((k) => [...criteria.keys()].filter((cid) => !answered.has(callKey(k.recordingId, cid))).map((cid) => ({ k, cid })));
    let submittedAt: string | null = null;
    if (input.submit) {
      if (unanswered.length) {
        const first = unanswered.slice(0, 3).map(({ k, cid }) => `${k.fileName}: ${criteria.get(cid)!.question}`).join('; ');
        throw new AppError('invalid_input', `${unanswered.length} answer${unanswered.length === 1 ? ' is' : 's are'} missing (${first}${unanswered.length > 3 ? '; …' : ''}), so the scores cannot be submitted yet.`, 'Answer every criterion of every call (n/a where the rubric allows it), or save a draft and come back.');
      }
      this.dao.submit(id, c.userId, at);
      this.audit.record({ actor: c.actor, entity: 'calibration', entityId: String(id), action: 'submit', newValue: { userId: c.userId, answers: answered.size } });
      submittedAt = iso(at);
    }
    return { saved: input.answers.length, missing: unanswered.length, submittedAt };
  }

  results(id: number, c: Caller): CalibrationResults {
    const { s, participants, summary } = this.session(id, c);
    if (!summary.me.seesResults) {
      throw new AppError('forbidden', summary.me.participant
        ? `The results of “${s.name}” open once you submit your scores.`
        : `The results of “${s.name}” are for its lead and the reviewers who scored it.`,
      summary.me.participant ? 'Score every call in My reviews → Calibration and submit.' : 'Ask the session\'s lead for the PDF or CSV export.');
    }
    const criteria = s.criteria as RubricCriterion[];
    const callList = this.dao.calls(id);
    const reviewers = participants.filter((p) => p.submittedAt !== null);
    const submitted = new Set(reviewers.map((r) => r.userId));
    const inputs = {
      criteria, recordingIds: callList.map((k) => k.recordingId), reviewerIds: reviewers.map((r) => r.userId),
      answers: new Map(this.dao.answers(id, null).filter((a) => submitted.has(a.userId)).map((a) => [answerKey(a.userId, a.recordingId, a.criterionId), a.answer as CalibrationAnswerValue])),
      ai: new Map(this.dao.aiAnswers(id).map((a) => [callKey(a.recordingId, a.criterionId), a.answer as CalibrationAnswerValue])),
      consensus: new Map(this.dao.consensus(id).map((a) => [callKey(a.recordingId, a.criterionId), a.answer as CalibrationAnswerValue])),
    };
    const vsConsensus = new Map(matchesConsensus(inputs).map((m) => [m.userId, m]));
    return {
      session: summary, callList, threshold: AMBIGUOUS_ALPHA,
      reviewers: reviewers.map((r) => ({ userId: r.userId, name: r.name, matchesConsensus: vsConsensus.get(r.userId)!.matches, compared: vsConsensus.get(r.userId)!.compared })),
      criteria: criterionResults(inputs),
    };
  }

  private leadOnly(id: number, c: Caller, what: string): SessionRow {
    const { s, summary } = this.session(id, c);
    if (!summary.me.lead) throw new AppError('forbidden', `Only the lead of “${s.name}” (${s.createdBy}) can ${what}.`, 'Ask them, or an admin.');
    return s;
  }

  setConsensus(id: number, input: { recordingId: number; criterionId: string; answer: CalibrationAnswerValue | null }, c: Caller): { ok: true } {
    const s = this.leadOnly(id, c, 'set the consensus');
    const criterion = (s.criteria as RubricCriterion[]).find((k) => k.id === input.criterionId);
    if (!criterion) throw new AppError('invalid_input', `The rubric of “${s.name}” has no criterion “${input.criterionId}”.`, 'Use a criterion id from the results.');
    if (!this.dao.calls(id).some((k) => k.recordingId === input.recordingId)) throw new AppError('invalid_input', `Call #${input.recordingId} is not in “${s.name}”.`, 'Use a call from the results.');
    const problem = input.answer === null ? null : answerProblem(criterion, input.answer);
    if (problem) throw new AppError('invalid_input', `Consensus for ${input.criterionId}: ${problem}.`, 'Pick one of the criterion\'s answers.');
    if (input.answer === null) this.dao.clearConsensus(id, input.recordingId, input.criterionId);
    else this.dao.setConsensus(id, { recordingId: input.recordingId, criterionId: input.criterionId, answer: input.answer, setBy: c.actor, setAt: this.now() });
    this.audit.record({ actor: c.actor, entity: 'calibration', entityId: String(id), action: 'consensus', newValue: input });
    return { ok: true };
  }

  close(id: number, c: Caller): CalibrationSummary {
    const s = this.leadOnly(id, c, 'close it');
    if (s.status === 'closed') throw new AppError('invalid_input', `“${s.name}” is closed already.`, 'Nothing to do.');
    this.dao.close(id, this.now());
    this.audit.record({ actor: c.actor, entity: 'calibration', entityId: String(id), action: 'close', newValue: { status: 'closed' } });
    return this.session(id, c).summary;
  }
}
