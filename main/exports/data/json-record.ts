import type { CallAnalysis } from '../../../preload/contract/schemas/analysis.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { finalScoreWithAnswers } from '../../analysis/final-score.js';
import type { PiiCategory } from '../../text/pii/index.js';
import type { CallRecord } from '../call-record.js';
import { applyCorrections, type EditLike } from '../corrections.js';
import { redactCall } from '../redaction.js';
import type { CallExportRow } from '../../../db/dao/export-cursor-dao.js';
import { callMetrics } from './metrics.js';

type Crit = [id: string, ai: string, final: string, overridden: number];

/** What of the call was sent to providers (the egress ledger): totals, each request, and whether anything left at all. */
function egressOf(json: string | null | undefined) {
  const e = json ? (JSON.parse(json) as { requests: number; items: unknown[] } & Record<string, unknown>) : null;
  if (!e || e.requests === 0) return { leftMachine: false, requests: 0, items: [] };
  return { leftMachine: true, ...e };
}

/**
 * One call of the JSON export: the full normalized record (metadata, review state, the normalized
 * transcript, the analysis with its scorecard, the reviewer's overrides and the final score), with
 * the same redaction as every other export.
 */
export function jsonRecord(row: CallExportRow, categories: readonly PiiCategory[]) {
  const crit = row.criteria ? (JSON.parse(row.criteria) as Crit[]) : [];
  const overrides = new Map(crit.map((c) => [c[0], { aiAnswer: c[1], finalAnswer: c[2], overridden: !!c[3] }]));
  // The reviewer's corrections first, then redaction of the corrected text (see corrections.ts).
  const { transcript, analysis } = applyCorrections(
    row.transcript_body ? (JSON.parse(row.transcript_body) as NormalizedTranscript) : null,
    row.analysis_body ? (JSON.parse(row.analysis_body) as CallAnalysis) : null,
    row.transcript_edits ? (JSON.parse(row.transcript_edits) as EditLike[]) : [],
  );
  const record: CallRecord = {
    meta: {
      id: row.id, fileName: row.file_name, audioPath: '', codec: '', container: '', durationSec: row.duration_sec, callAt: row.call_at,
      agent: row.agent, customer: row.customer, queue: row.queue, campaign: row.campaign, direction: row.direction,
      externalCallId: row.external_call_id, status: row.status, reviewedAt: row.reviewed_at, reviewedBy: row.reviewed_by,
      outcome: row.outcome, callReason: row.call_reason,
    },
    transcript, analysis, analysisModel: null, analyzedAt: null, overrides,
    final: analysis ? finalScoreWithAnswers(analysis.scorecard, new Map(crit.filter((c) => c[3]).map((c) => [c[0], c[2]]))) : null,
  };
  const { record: r } = redactCall(record, categories);
  return {
    id: row.id,
    fileName: row.file_name,
    callAt: row.call_at,
    agent: row.agent,
    customer: row.customer,
    account: row.account,
    queue: row.queue,
    campaign: row.campaign,
    direction: row.direction,
    externalCallId: row.external_call_id,
    durationSec: row.duration_sec,
    status: row.status,
    review: { reviewedAt: row.reviewed_at, reviewedBy: row.reviewed_by },
    // The final outcome and reason (the reviewer's where overridden; analysis.outcome keeps the AI's).
    outcome: row.outcome,
    callReason: row.call_reason,
    flags: { compliance: !!row.flag_compliance, pii: !!row.flag_pii, escalation: !!row.flag_escalation },
    costUsd: row.cost_usd,
    metrics: callMetrics(row),
    scores: { aiScorePct: row.ai_score_pct, finalScorePct: r.final?.scorePct ?? null, autoFailed: r.final?.autoFailed ?? !!row.auto_failed },
    overrides: crit.filter((c) => c[3]).map((c) => ({ criterionId: c[0], aiAnswer: c[1], finalAnswer: c[2] })),
    redacted: categories.length > 0,
    transcript: r.transcript,
    analysis: r.analysis,
    egress: egressOf(row.egress),
  };
}
