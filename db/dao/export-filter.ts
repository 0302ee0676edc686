import { filterSql as callsFilterSql } from './calls-dao.js';
import { SEARCH_HIT_CAP, toFtsQuery } from './fts-dao.js';
import type { CallSort } from '../../preload/contract/schemas/calls.js';
import type { ExportCallsQuery } from '../../preload/contract/schemas/exports.js';

/**
 * "The same filters as the calls list": the WHERE clause comes from the Calls list's own DAO
 * (calls-dao filterSql) and the search from its FTS sanitiser, so an export of the current filter
 * selects exactly the calls the list shows. Exports add an explicit id selection (the list's checked
 * rows) and keep the list's sort order. Every value is a bound parameter.
 */
export interface FilterSql {
  where: string;
  params: Record<string, unknown>;
  order: string;
}

const sortColumns: Record<CallSort, string> = {
  date: 's.call_at', agent: 's.agent', queue: 's.queue', duration: 's.duration_sec', status: 's.status', score: 's.score_pct', sentiment: 's.sentiment_rank',
  quality: 's.transcript_quality',
};

export function filterSql(f: Partial<ExportCallsQuery>): FilterSql {
  const base = callsFilterSql(f);
  const clauses = base.where ? [base.where.replace(/^WHERE /, '')] : [];
  const params = { ...base.params };
  const match = f.q ? toFtsQuery(f.q) : null;
  if (match) {
    // Same cap on segment hits as the list's search, so both see the same calls.
    clauses.push(`s.recording_id IN (SELECT recording_id FROM (SELECT rowid, recording_id FROM transcript_fts WHERE transcript_fts MATCH @match ORDER BY rowid DESC LIMIT ${SEARCH_HIT_CAP}))`);
    params.match = match;
  }
  const col = sortColumns[f.sort ?? 'date'];
  const dir = f.dir === 'asc' ? 'ASC' : 'DESC';
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, order: `ORDER BY ${col} ${dir}, s.recording_id ${dir}` };
}
