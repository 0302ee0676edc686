import type { AssignmentRow, AssignmentsDao, RuleRow } from '../../../db/dao/assignments-dao.js';
import { addDays, lastWeek, ymd } from '../../../preload/contract/weeks.js';
import type { AuditDao } from '../../../db/dao/audit-dao.js';
import type { AssignmentList, AssignmentStatus, AssignmentView, ReviewerLoad, SampleResult, SampleRule, WeeklyRuleInput, WeeklyRuleView } from '../../../preload/contract/schemas/assignments.js';
import { AppError } from '../../errors.js';
import { drawSample, shareAmong, stratumOf, type Candidate } from './sampling.js';


const toView = (r: AssignmentRow): AssignmentView => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

/**
 * Team QA's assignments: a lead gives calls to reviewers — a selection, or a sampling rule's picks — and
 * reviewers work through "My reviews". An assignment is done when its call is marked reviewed; every
 * change is audited.
 */
export class AssignmentService {
  constructor(private readonly dao: AssignmentsDao, private readonly audit: AuditDao, private readonly now: () => number = Date.now) {}

  /** Today on this server's calendar (due dates are days, not instants). */
  private today(): string {
    return ymd(new Date(this.now()));
  }

  list(q: { reviewerId: number | null; status: AssignmentStatus | null; limit: number; exceptIds: number[] }): AssignmentList {
    const today = this.today();
    const items = this.dao.list({ ...q, today }).map(toView);
    const p = this.dao.progress({ reviewerId: q.reviewerId, today });
    return { items, progress: { ...p, total: p.open + p.overdue + p.done } };
  }

  reviewers(): ReviewerLoad[] {
    return this.dao.loads(this.today());
  }

  /** The accounts named, as reviewers with their current load; refuses one that cannot review. */
  private reviewersNamed(ids: number[]): { id: number; open: number; name: string }[] {
    const loads = new Map(this.dao.loads(this.today()).map((l) => [l.reviewerId, l]));
    return [...new Set(ids)].map((id) => {
      const l = loads.get(id);
      if (!l) throw new AppError('invalid_input', `Account #${id} cannot be given calls: it is not an active reviewer, lead or admin.`, 'Pick reviewers from GET /api/v1/assignments/reviewers (accounts need CCA_AUTH=users).');
      return { id, open: l.open + l.overdue, name: l.reviewer };
    });
  }

  create(input: { recordingIds: number[]; reviewerIds: number[]; dueOn: string | null }, actor: string) {
    const reviewers = this.reviewersNamed(input.reviewerIds);
    return this.dao.transaction(() => {
      const states = this.dao.states(input.recordingIds);
      const skipped: { recordingId: number; reason: 'already_assigned' | 'already_reviewed' | 'not_found' }[] = [];
      const free: { recordingId: number }[] = [];
      for (const recordingId of [...new Set(input.recordingIds)]) {
        const st = states.get(recordingId);
        if (!st) skipped.push({ recordingId, reason: 'not_found' });
        else if (st.assigned) skipped.push({ recordingId, reason: 'already_assigned' });
        else if (st.reviewed) skipped.push({ recordingId, reason: 'already_reviewed' });
        else free.push({ recordingId });
      }
      const at = this.now();
      const ids = shareAmong(free, reviewers).map((p) => this.dao.insert({ recordingId: p.recordingId, reviewerId: p.reviewerId, dueOn: input.dueOn, source: 'selection', stratum: null, assignedBy: actor, createdAt: at }));
      if (ids.length) this.audit.record({ actor, entity: 'assignments', entityId: ids.join(','), action: 'assign', newValue: { recordingIds: free.map((f) => f.recordingId), reviewerIds: reviewers.map((r) => r.id), dueOn: input.dueOn } });
      return { created: this.dao.byIds(ids, this.today()).map(toView), skipped };
    });
  }

  /**
   * A sampling rule, dry or for real. Both draw from the same population with the same seed (the draw
   * is deterministic), so a commit right after a dry run assigns exactly the picks it showed.
   */
  sample(rule: SampleRule, dryRun: boolean, actor: string): SampleResult {
    const reviewers = this.reviewersNamed(rule.reviewerIds);
    const names = new Map(reviewers.map((r) => [r.id, r.name]));
    return this.dao.transaction(() => {
      const rows = this.dao.candidates(rule.filter);
      const placed = rows.filter((r): r is typeof r & { agent: string } => r.agent !== null && r.agent !== '');
      const byId = new Map(placed.map((r) => [r.recordingId, r]));
      const { picks, shortfalls } = drawSample(placed satisfies Candidate[], rule);
      const dealt = shareAmong(picks, reviewers);
      const strata = new Map<string, { population: number; picked: number }>();
      for (const p of picks) {
        const s = strata.get(p.stratum) ?? { population: 0, picked: 0 };
        s.picked++;
        strata.set(p.stratum, s);
      }
      // Population per stratum too, for the lead to see the picks mirror the mix.
      for (const c of placed) {
        const key = stratumOf(c, rule.stratifyBy);
        const s = strata.get(key) ?? { population: 0, picked: 0 };
        s.population++;
        strata.set(key, s);
      }
      if (!dryRun && dealt.length) {
        const at = this.now();
        for (const p of dealt) this.dao.insert({ recordingId: p.recordingId, reviewerId: p.reviewerId, dueOn: rule.dueOn, source: 'sample', stratum: p.stratum, assignedBy: actor, createdAt: at });
        this.audit.record({ actor, entity: 'assignments', entityId: `sample:${rule.seed}`, action: 'sample', newValue: { rule, assigned: dealt.length } });
      }
      return {
        committed: !dryRun && dealt.length > 0,
        population: placed.length,
        withoutAgent: rows.length - placed.length,
        picks: dealt.map((p) => ({ recordingId: p.recordingId, fileName: byId.get(p.recordingId)!.fileName, agent: p.agent, callAt: byId.get(p.recordingId)!.callAt, stratum: p.stratum, reviewerId: p.reviewerId, reviewer: names.get(p.reviewerId)! })),
        strata: [...strata].map(([stratum, s]) => ({ stratum, ...s })).sort((a, b) => (a.stratum < b.stratum ? -1 : 1)),
        shortfalls,
      };
    });
  }

  remove(id: number, actor: string): { deleted: true } {
    return this.dao.transaction(() => {
      const gone = this.dao.delete(id);
      if (!gone) throw new AppError('not_found', `There is no assignment #${id}.`, 'It may have been taken back already. Reload the list.');
      this.audit.record({ actor, entity: 'assignments', entityId: String(id), action: 'unassign', oldValue: gone });
      return { deleted: true as const };
    });
  }

  rules(): WeeklyRuleView[] {
    return this.dao.rules().map((r) => this.ruleView(r));
  }

  saveRule(input: WeeklyRuleInput, actor: string): WeeklyRuleView {
    this.reviewersNamed(input.reviewerIds);
    const { name, dueInDays, ...spec } = input;
    const id = this.dao.insertRule({ name, spec, dueInDays, createdBy: actor, createdAt: this.now() });
    if (id === null) throw new AppError('invalid_input', `There is already a weekly rule named "${name}".`, 'Pick another name, or delete the old rule first.');
    this.audit.record({ actor, entity: 'assignments', entityId: `rule:${id}`, action: 'rule_add', newValue: input });
    return this.ruleView(this.dao.rule(id)!);
  }

  deleteRule(id: number, actor: string): { deleted: true } {
    const rule = this.dao.rule(id);
    if (!rule || !this.dao.deleteRule(id)) throw new AppError('not_found', `There is no weekly rule #${id}.`, 'It may have been deleted already. Reload the list.');
    this.audit.record({ actor, entity: 'assignments', entityId: `rule:${id}`, action: 'rule_delete', oldValue: { name: rule.name, spec: rule.spec } });
    return { deleted: true };
  }

  /**
   * Run every weekly rule that has not sampled last week yet (called at start and every few minutes):
   * the rule's filter with last week's dates, the seed "<name> <week>", due `dueInDays` from today. A
   * run that cannot assign (a reviewer gone) records why instead, and tries again at the next check.
   */
  runDueRules(): { ran: number } {
    const week = lastWeek(new Date(this.now()));
    let ran = 0;
    for (const r of this.dao.rules()) {
      if (r.lastWeek === week.label) continue;
      const spec = r.spec as Omit<WeeklyRuleInput, 'name' | 'dueInDays'>;
      const rule: SampleRule = {
        filter: { ...spec.filter, from: week.from, to: week.to }, perAgent: spec.perAgent, stratifyBy: spec.stratifyBy, reviewerIds: spec.reviewerIds,
        seed: `${r.name} ${week.label}`, dueOn: ymd(addDays(new Date(this.now()), r.dueInDays)),
      };
      try {
        const res = this.sample(rule, false, `rule:${r.name}`);
        this.dao.ruleRan(r.id, week.label, this.now(), { assigned: res.picks.length, shortfalls: res.shortfalls.length });
        ran++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        this.dao.ruleRan(r.id, r.lastWeek, this.now(), { error: e.message });
      }
    }
    return { ran };
  }

  private ruleView(r: RuleRow): WeeklyRuleView {
    const spec = r.spec as Omit<WeeklyRuleInput, 'name' | 'dueInDays'>;
    const due = lastWeek(new Date(this.now())).label;
    return {
      ...spec, id: r.id, name: r.name, dueInDays: r.dueInDays, createdBy: r.createdBy, createdAt: new Date(r.createdAt).toISOString(),
      lastWeek: r.lastWeek, lastRunAt: r.lastRunAt === null ? null : new Date(r.lastRunAt).toISOString(), lastResult: r.lastResult as WeeklyRuleView['lastResult'],
      // Sampled already: next Monday samples this week; otherwise the next check samples last week.
      nextWeek: r.lastWeek === due ? lastWeek(addDays(new Date(this.now()), 7)).label : due,
    };
  }
}
