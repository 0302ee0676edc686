import type { DisputeRates } from '../../preload/contract/schemas/disputes.js';
import type { AppDatabase } from '../open.js';

/**
 * The Dashboard's aggregates. All of them read the derived tables (`call_summary`, `call_criteria`,
 * kept current by the call projection) rather than the analyses' JSON bodies: parsing 50,000 bodies per chart
 * would take seconds, these take milliseconds. Optional inclusive date range on the call date.
 */

export interface DashboardRange {
  from?: string;
  to?: string;
  agent?: string;
  /** Calls left out (a reviewer scoring them blind in calibration). */
  exceptIds?: number[];
}

export interface ScoreBucket { bucket: number; from: number; to: number; count: number }
export interface AgentPeriodScore { agent: string; period: string; avgScore: number; calls: number }
export interface CriterionRate { criterionId: string; question: string; section: string; answered: number; passed: number; passRate: number | null }
export interface CriterionOverrides { criterionId: string; question: string; answers: number; overridden: number; overrideRate: number }
export interface CountRow { value: string; count: number }
export interface SentimentDay { day: string; avg: number; positive: number; neutral: number; negative: number }
export interface CostDay { day: string; costUsd: number; calls: number }
export interface CriterionSupport { criterionId: string; question: string; aiAnswers: number; unsupported: number; absenceClaims: number; unsupportedRate: number | null }
export interface DashboardOverview {
  calls: number; scored: number; avgScore: number | null; reviewed: number; costUsd: number;
  /** Calls whose AI result waits for a person (needs_review, not yet reviewed): their scores are not counted above. */
  awaitingReview: number;
  unsupportedAnswers: number;
  quotesNotFound: number;
}

/**
 * A score counts once it is final: a call whose AI result needs a person's review (low transcript
 * quality; unsupported answers under CCA_UNSUPPORTED_ANSWERS=needs_review) counts after the review.
 */
export const FINAL_SCORE = '(s.needs_review = 0 OR s.reviewed_at IS NOT NULL)';

function rangeSql(r: DashboardRange, alias = 's'): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (name: string, clause: string, value: unknown) => {
    where.push(clause);
    params[name] = value;
  };
  if (r.from) add('from', `${alias}.call_at >= @from`, r.from);
  if (r.to) add('to', `${alias}.call_at <= @to`, `${r.to}\uffff`);
  if (r.agent) add('agent', `${alias}.agent = @agent`, r.agent);
  if (r.exceptIds?.length) add('exceptIds', `${alias}.recording_id NOT IN (SELECT value FROM json_each(@exceptIds))`, JSON.stringify(r.exceptIds));
  return { where, params };
}

const and = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');

/** The SQL of each aggregate (exported so the bench can time the same text through raw better-sqlite3). */
export function dashboardSql(r: DashboardRange = {}) {
  const { where, params } = rangeSql(r);
  // Criteria queries only join call_summary when a range narrows them (else a pure index scan).
  const critScope = where.length ? `WHERE c.recording_id IN (SELECT s.recording_id FROM call_summary s ${and(where)})` : '';
  const question = '(SELECT q.question FROM call_criteria q WHERE q.criterion_id = c.criterion_id LIMIT 1)';
  const section = '(SELECT q.section FROM call_criteria q WHERE q.criterion_id = c.criterion_id LIMIT 1)';
  return {
    scoreDistribution: {
      sql: `SELECT min(CAST(s.score_pct / 10 AS INTEGER), 9) AS bucket, count(*) AS count FROM call_summary s
            ${and([...where, 's.score_pct IS NOT NULL', FINAL_SCORE])} GROUP BY bucket ORDER BY bucket`,
      params,
    },
    agentScoreOverTime: {
      // Weeks start on Monday: date(x, 'weekday 0', '-6 days') is the Monday on or before x.
      sql: `SELECT s.agent AS agent, date(s.call_at, 'weekday 0', '-6 days') AS period, avg(s.score_pct) AS avgScore, count(*) AS calls
            FROM call_summary s ${and([...where, 's.agent IS NOT NULL', 's.score_pct IS NOT NULL', FINAL_SCORE])}
            GROUP BY s.agent, period ORDER BY s.agent, period`,
      params,
    },
    criterionPassRate: {
      sql: `SELECT c.criterion_id AS criterionId, ${question} AS question, ${section} AS section, count(c.passed) AS answered, coalesce(sum(c.passed), 0) AS passed
            FROM call_criteria c ${critScope} GROUP BY c.criterion_id ORDER BY c.criterion_id`,
      params,
    },
    // Per criterion, how the AI's answers stand: cited evidence, an absence claim, or nothing (unsupported).
    criterionSupport: {
      sql: `SELECT c.criterion_id AS criterionId, ${question} AS question, count(c.support) AS aiAnswers,
              coalesce(sum(c.support = 'unsupported'), 0) AS unsupported, coalesce(sum(c.support = 'absence_claim'), 0) AS absenceClaims
            FROM call_criteria c ${critScope} GROUP BY c.criterion_id HAVING count(c.support) > 0 ORDER BY c.criterion_id`,
      params,
    },
    overrideRate: {
      sql: `SELECT c.criterion_id AS criterionId, ${question} AS question, count(*) AS answers, sum(c.overridden) AS overridden
            FROM call_criteria c ${critScope} GROUP BY c.criterion_id ORDER BY c.criterion_id`,
      params,
    },
    topReasons: {
      sql: `SELECT lower(trim(s.call_reason)) AS value, count(*) AS count FROM call_summary s
            ${and([...where, 's.call_reason IS NOT NULL'])} GROUP BY value ORDER BY count DESC, value LIMIT 10`,
      params,
    },
    outcomes: {
      sql: `SELECT s.outcome AS value, count(*) AS count FROM call_summary s ${and([...where, 's.outcome IS NOT NULL'])}
            GROUP BY s.outcome ORDER BY count DESC`,
      params,
    },
    sentimentTrend: {
      sql: `SELECT date(s.call_at) AS day, avg(s.sentiment_rank) AS avg, sum(s.sentiment_rank = 1) AS positive,
              sum(s.sentiment_rank = 0) AS neutral, sum(s.sentiment_rank = -1) AS negative
            FROM call_summary s ${and([...where, 's.sentiment_rank IS NOT NULL'])} GROUP BY day ORDER BY day`,
      params,
    },
    costPerDay: {
      // Processing cost lands when the call is analysed, so it is grouped by that day.
      sql: `SELECT substr(s.analyzed_at, 1, 10) AS day, sum(s.cost_usd) AS costUsd, count(*) AS calls FROM call_summary s
            ${and([...where, 's.analyzed_at IS NOT NULL'])} GROUP BY day ORDER BY day`,
      params,
    },
  };
}
export type DashboardQuery = keyof ReturnType<typeof dashboardSql>;

export class DashboardDao {
  constructor(private readonly db: AppDatabase) {}

  private all<T>(name: DashboardQuery, r: DashboardRange): T[] {
    const q = dashboardSql(r)[name];
    return this.db.timed(`dashboard.${name}`, () => (this.db.reader()).prepare(q.sql).all(q.params) as T[]);
  }

  scoreDistribution(r: DashboardRange = {}): ScoreBucket[] {
    const rows = this.all<{ bucket: number; count: number }>('scoreDistribution', r);
    const counts = new Map(rows.map((x) => [x.bucket, x.count]));
    // Always ten buckets (0–9 … 90–100), empty ones included, so the chart's axis is stable.
    return Array.from({ length: 10 }, (_, b) => ({ bucket: b, from: b * 10, to: b === 9 ? 100 : b * 10 + 9, count: counts.get(b) ?? 0 }));
  }

  agentScoreOverTime(r: DashboardRange = {}): AgentPeriodScore[] {
    return this.all('agentScoreOverTime', r);
  }

  criterionPassRate(r: DashboardRange = {}): CriterionRate[] {
    return this.all<Omit<CriterionRate, 'passRate'>>('criterionPassRate', r).map((x) => ({ ...x, passRate: x.answered ? x.passed / x.answered : null }));
  }

  criterionSupport(r: DashboardRange = {}): CriterionSupport[] {
    return this.all<Omit<CriterionSupport, 'unsupportedRate'>>('criterionSupport', r).map((x) => ({ ...x, unsupportedRate: x.aiAnswers ? x.unsupported / x.aiAnswers : null }));
  }

  overrideRate(r: DashboardRange = {}): CriterionOverrides[] {
    return this.all<Omit<CriterionOverrides, 'overrideRate'>>('overrideRate', r).map((x) => ({ ...x, overrideRate: x.answers ? x.overridden / x.answers : 0 }));
  }

  topReasons(r: DashboardRange = {}): CountRow[] {
    return this.all('topReasons', r);
  }

  outcomes(r: DashboardRange = {}): CountRow[] {
    return this.all('outcomes', r);
  }

  sentimentTrend(r: DashboardRange = {}): SentimentDay[] {
    return this.all('sentimentTrend', r);
  }

  costPerDay(r: DashboardRange = {}): CostDay[] {
    return this.all('costPerDay', r);
  }

  /**
   * Disputes of reviewed calls in the range (team QA): per criterion and per reviewer (who had reviewed
   * the call when it was disputed), the share of reviewed calls disputed and the share of resolved
   * disputes whose answer stood (upheld).
   */
  disputeRates(r: DashboardRange = {}): DisputeRates {
    const { where, params } = rangeSql(r);
    const reader = this.db.reader();
    const q = <T>(name: string, sql: string) => this.db.timed(`dashboard.${name}`, () => reader.prepare(sql).all(params) as T[]);
    const reviewed = and([...where, 's.reviewed_at IS NOT NULL']);
    type Tally = { key: string; disputed: number; resolved: number; upheld: number };
    const tally = (by: string) => `SELECT ${by} AS key, count(DISTINCT CASE WHEN s.reviewed_at IS NOT NULL THEN d.recording_id END) AS disputed,
        coalesce(sum(d.status <> 'open'), 0) AS resolved, coalesce(sum(d.status = 'upheld'), 0) AS upheld
        FROM disputes d JOIN call_summary s ON s.recording_id = d.recording_id ${and(where)} GROUP BY key`;
    const rates = <R extends { reviewed: number }>(base: R, t: Tally | undefined) => {
      const disputed = t?.disputed ?? 0;
      const resolved = t?.resolved ?? 0;
      const upheld = t?.upheld ?? 0;
      return { ...base, disputed, resolved, upheld, disputeRate: base.reviewed ? Math.min(1, disputed / base.reviewed) : null, upheldRate: resolved ? upheld / resolved : null };
    };
    const byCriterionTally = new Map(q<Tally>('disputesByCriterion', tally('d.criterion_id')).map((t) => [t.key, t]));
    const byReviewerTally = new Map(q<Tally>('disputesByReviewer', tally("coalesce(d.reviewer, '')")).map((t) => [t.key, t]));
    const criteria = q<{ criterionId: string; question: string; reviewed: number }>('reviewedByCriterion',
      `SELECT c.criterion_id AS criterionId, coalesce(nullif(max(c.question), ''), c.criterion_id) AS question, count(*) AS reviewed
       FROM call_criteria c JOIN call_summary s ON s.recording_id = c.recording_id ${reviewed} GROUP BY c.criterion_id ORDER BY c.criterion_id`);
    const reviewers = q<{ reviewer: string; reviewed: number }>('reviewedByReviewer',
      `SELECT coalesce(s.reviewed_by, '') AS reviewer, count(*) AS reviewed FROM call_summary s ${reviewed} GROUP BY reviewer ORDER BY reviewer`);
    return {
      byCriterion: criteria.map((c) => rates(c, byCriterionTally.get(c.criterionId))),
      byReviewer: reviewers.map((x) => rates(x, byReviewerTally.get(x.reviewer))),
    };
  }

  /** The headline figures above the charts (added for the Dashboard view; one pass over call_summary). */
  overview(r: DashboardRange = {}): DashboardOverview {
    const { where, params } = rangeSql(r);
    const final = `CASE WHEN ${FINAL_SCORE} THEN s.score_pct END`;
    const sql = `SELECT count(*) AS calls, count(${final}) AS scored, avg(${final}) AS avgScore, count(s.reviewed_at) AS reviewed,
                   coalesce(sum(s.cost_usd), 0) AS costUsd, coalesce(sum(s.needs_review = 1 AND s.reviewed_at IS NULL), 0) AS awaitingReview,
                   coalesce(sum(s.unsupported_answers), 0) AS unsupportedAnswers, coalesce(sum(s.quotes_not_found), 0) AS quotesNotFound
                 FROM call_summary s ${and(where)}`;
    return this.db.timed('dashboard.overview', () => (this.db.reader()).prepare(sql).get(params) as DashboardOverview);
  }
}
