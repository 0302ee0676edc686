import { z } from 'zod';
import { CallFilter } from '../schemas/calls.js';
import { defineOperation } from '../define.js';
import { DisputeRates } from '../schemas/disputes.js';

const day = z.iso.date();
const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);

export const DashboardView = z.object({
  range: z.object({ from: day.nullable(), to: day.nullable(), agent: z.string().nullable() }),
  /**
   * scored / avgScore count final scores only: a call waiting for a person's review (low transcript
   * quality, or unsupported AI answers under CCA_UNSUPPORTED_ANSWERS=needs_review) is in awaitingReview.
   */
  overview: z.object({
    calls: count, scored: count, avgScore: z.number().nullable(), reviewed: count, costUsd: z.number(),
    awaitingReview: count, unsupportedAnswers: count, quotesNotFound: count,
  }),
  /** Ten buckets 0–9, 10–19 … 90–100 (empty ones included). */
  scoreDistribution: z.array(z.object({ bucket: count, from: z.number(), to: z.number(), count })),
  /** Average score per agent per week (period = the Monday). */
  agentScoreOverTime: z.array(z.object({ agent: z.string(), period: z.string(), avgScore: z.number(), calls: count })),
  criterionPassRate: z.array(z.object({ criterionId: z.string(), question: z.string(), section: z.string(), answered: count, passed: count, passRate: rate.nullable() })),
  /** Per criterion: AI answers that cite verified evidence, claim an absence, or cite nothing (unsupported). */
  criterionSupport: z.array(z.object({
    criterionId: z.string(), question: z.string(), aiAnswers: count, unsupported: count, absenceClaims: count, unsupportedRate: rate.nullable(),
  })),
  /** How often reviewers override each criterion: the AI-vs-reviewer calibration signal. */
  overrideRate: z.array(z.object({ criterionId: z.string(), question: z.string(), answers: count, overridden: count, overrideRate: rate })),
  topReasons: z.array(z.object({ value: z.string(), count })),
  outcomes: z.array(z.object({ value: z.string(), count })),
  /** avg: −1 negative … 1 positive (customer sentiment at the end of the call). */
  sentimentTrend: z.array(z.object({ day: z.string(), avg: z.number(), positive: count, neutral: count, negative: count })),
  costPerDay: z.array(z.object({ day: z.string(), costUsd: z.number(), calls: count })),
  /** Team QA: how often reviewed scorecards are disputed and how often the answer stands, per criterion and per reviewer. */
  disputes: DisputeRates,
});
export type DashboardView = z.infer<typeof DashboardView>;

export const dashboardOperations = {
  'dashboard.get': defineOperation({
    method: 'GET', path: '/api/v1/dashboard', tag: 'dashboard', role: 'agent', scope: 'calls',
    summary: 'Every Dashboard aggregate for a date range (inclusive, on the call date): score distribution, average score per agent per week, compliance pass rate and reviewer override rate per criterion, top reasons and outcomes, sentiment per day, processing cost per day, dispute and upheld rates per criterion and reviewer.',
    input: z.object({ from: day.optional(), to: day.optional(), agent: z.string().max(200).optional(), exceptIds: CallFilter.shape.exceptIds }),
    output: DashboardView,
    example: {
      input: { from: '2024-05-01', to: '2024-05-31' },
      output: {
        range: { from: '2024-05-01', to: '2024-05-31', agent: null },
        overview: { calls: 120, scored: 118, avgScore: 81.4, reviewed: 40, costUsd: 3.12, awaitingReview: 2, unsupportedAnswers: 5, quotesNotFound: 3 },
        scoreDistribution: [{ bucket: 8, from: 80, to: 89, count: 41 }],
        agentScoreOverTime: [{ agent: 'dana', period: '2024-04-29', avgScore: 84.2, calls: 12 }],
        criterionPassRate: [{ criterionId: 'recording_disclosure', question: 'Did the agent say the call is recorded?', section: 'Compliance', answered: 118, passed: 112, passRate: 0.949 }],
        criterionSupport: [{ criterionId: 'empathy', question: 'How well did the agent acknowledge…', aiAnswers: 118, unsupported: 4, absenceClaims: 2, unsupportedRate: 0.034 }],
        overrideRate: [{ criterionId: 'empathy', question: 'How well did the agent acknowledge…', answers: 118, overridden: 9, overrideRate: 0.076 }],
        topReasons: [{ value: 'duplicate charge', count: 14 }],
        outcomes: [{ value: 'resolved', count: 90 }],
        sentimentTrend: [{ day: '2024-05-02', avg: 0.4, positive: 7, neutral: 3, negative: 2 }],
        costPerDay: [{ day: '2024-05-02', costUsd: 0.41, calls: 12 }],
        disputes: {
          byCriterion: [{ criterionId: 'empathy', question: 'How well did the agent acknowledge…', reviewed: 40, disputed: 3, resolved: 2, upheld: 1, disputeRate: 0.075, upheldRate: 0.5 }],
          byReviewer: [{ reviewer: 'sam', reviewed: 25, disputed: 2, resolved: 2, upheld: 1, disputeRate: 0.08, upheldRate: 0.5 }],
        },
      },
    },
  }),
};
