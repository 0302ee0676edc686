import type { Scorecard } from '../../../preload/contract/schemas/analysis.js';
import { finalScoreWithAnswers } from '../../analysis/final-score.js';
import type { Redactor } from '../redaction.js';
import { roundCells, type Cell, type Column } from './cells.js';
import type { CallExportRow } from '../../../db/dao/export-cursor-dao.js';
import { callMetrics, metricsCells, metricsColumns } from './metrics.js';

/**
 * One row per call, the same columns in CSV and XLSX: metadata, review state, scores (AI and final
 * after overrides), flags, the local metrics (metrics.ts), then one column per criterion with the final answer and an `*` suffix
 * column naming overridden ones. Values are typed (numbers stay numbers) so XLSX cells are numeric.
 */
export const baseColumns: Column[] = [
  { key: 'id', header: 'recording_id', width: 12 },
  { key: 'file_name', header: 'file_name', width: 32 },
  { key: 'call_at', header: 'call_at', width: 22 },
  { key: 'agent', header: 'agent', width: 18 },
  { key: 'customer', header: 'customer', width: 18 },
  { key: 'account', header: 'account', width: 14 },
  { key: 'queue', header: 'queue', width: 14 },
  { key: 'campaign', header: 'campaign', width: 14 },
  { key: 'direction', header: 'direction', width: 10 },
  { key: 'external_call_id', header: 'external_call_id', width: 16 },
  { key: 'duration_sec', header: 'duration_sec', decimals: 2, width: 12 },
  { key: 'status', header: 'status', width: 11 },
  { key: 'rubric', header: 'rubric', width: 18 },
  { key: 'rubric_version', header: 'rubric_version', width: 8 },
  { key: 'ai_score_pct', header: 'ai_score_pct', decimals: 2, width: 12 },
  { key: 'final_score_pct', header: 'final_score_pct', decimals: 2, width: 12 },
  { key: 'auto_failed', header: 'auto_failed', width: 10 },
  { key: 'overrides', header: 'overrides', width: 9 },
  { key: 'sentiment', header: 'sentiment', width: 10 },
  { key: 'outcome', header: 'outcome', width: 11 },
  { key: 'call_reason', header: 'call_reason', width: 24 },
  { key: 'flag_compliance', header: 'flag_compliance', width: 10 },
  { key: 'flag_pii', header: 'flag_pii', width: 10 },
  { key: 'flag_escalation', header: 'flag_escalation', width: 10 },
  { key: 'reviewed_at', header: 'reviewed_at', width: 22 },
  { key: 'reviewed_by', header: 'reviewed_by', width: 14 },
  { key: 'cost_usd', header: 'cost_usd', decimals: 6, width: 10 },
  { key: 'summary', header: 'summary', width: 60 },
];

/** The columns before the criteria's, whose numbers are rounded (criterion columns hold answers). */
const numberColumns = [...baseColumns, ...metricsColumns];

export function columnsFor(criterionIds: string[]): Column[] {
  return [...baseColumns, ...metricsColumns, ...criterionIds.map((id) => ({ key: `c:${id}`, header: `criterion:${id}`, width: 12 }))];
}

type Crit = [id: string, ai: string, final: string, overridden: number];

export function rowCells(row: CallExportRow, criterionIds: string[], redactor: Redactor | null): Cell[] {
  const crit = row.criteria ? (JSON.parse(row.criteria) as Crit[]) : [];
  const byId = new Map(crit.map((c) => [c[0], c]));
  const overridden = crit.filter((c) => c[3]);
  let final = row.score_pct;
  let autoFailed = !!row.auto_failed;
  if (row.scorecard && overridden.length) {
    const f = finalScoreWithAnswers(JSON.parse(row.scorecard) as Scorecard, new Map(overridden.map((c) => [c[0], c[2]])));
    final = f.scorePct;
    autoFailed = f.autoFailed;
  }
  const text = (s: string | null) => (s && redactor ? redactor.text(s) : s);
  const base: Cell[] = [
    row.id, row.file_name, row.call_at, row.agent, row.customer, row.account, row.queue, row.campaign, row.direction,
    row.external_call_id, row.duration_sec, row.status, row.rubric_name, row.rubric_version, row.ai_score_pct, final, autoFailed,
    overridden.map((c) => c[0]).join(' ') || null, row.sentiment, row.outcome, text(row.call_reason), !!row.flag_compliance,
    !!row.flag_pii, !!row.flag_escalation, row.reviewed_at, row.reviewed_by, row.cost_usd, text(row.summary),
  ];
  return [...roundCells([...base, ...metricsCells(callMetrics(row))], numberColumns), ...criterionIds.map((id) => byId.get(id)?.[2] ?? null)];
}
