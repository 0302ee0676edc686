import type { ReactNode } from 'react';
import { scoreText } from '../../../../preload/contract/schemas/analysis.js';
import type { CallRow, CallSort } from '../../../../preload/contract/schemas/calls.js';
import type { ColumnId } from '../../stores/calls-store.js';
import { flagLabel, flagReason, flagShort, scoreBand, statusLabel } from './format.js';
import { clock, dateTime } from '../../../../preload/contract/time-format.js';

/** The table's columns: header label, sort key (if sortable), grid width and how a cell renders. */
export interface ColumnDef {
  id: ColumnId;
  label: string;
  sort?: CallSort;
  width: string;
  align?: 'end';
  render(row: CallRow): ReactNode;
}

export const callColumn = { width: 'minmax(170px, 2fr)', min: 170 };

/** Narrowest each column can be (its width's minimum) and the order narrow windows drop them in. */
const minWidth: Record<ColumnId, number> = { date: 128, agent: 64, queue: 76, duration: 76, status: 96, score: 84, quality: 72, sentiment: 96, flags: 90 };
const dropOrder: ColumnId[] = ['queue', 'duration', 'quality', 'date', 'agent', 'sentiment'];
const GAP = 10;
const PADDING = 32;

/** The chosen columns that fit `width` (0 = not measured yet: all of them), least important dropped first. */
export function fitColumns(columns: readonly ColumnId[], width: number): ColumnId[] {
  let shown = [...columns];
  const need = (cols: readonly ColumnId[]) => callColumn.min + PADDING + cols.reduce((n, c) => n + minWidth[c] + GAP, 0);
  for (const c of dropOrder) {
    if (!width || need(shown) <= width) break;
    shown = shown.filter((x) => x !== c);
  }
  return shown;
}

export const columnDefs: Record<ColumnId, ColumnDef> = {
  date: { id: 'date', label: 'Date', sort: 'date', width: '176px', render: (r) => r.callTimeKnown ? <span className="num">{dateTime(r.callAt)}</span> : <span className="num" title="No call time in the file name or metadata: this is when the call was imported.">{dateTime(r.callAt)} <span className="muted small">imported</span></span> },
  agent: { id: 'agent', label: 'Agent', sort: 'agent', width: 'minmax(64px, 1fr)', render: (r) => r.agent ?? <span className="muted">—</span> },
  queue: { id: 'queue', label: 'Queue', sort: 'queue', width: 'minmax(76px, 1fr)', render: (r) => r.queue ?? <span className="muted">—</span> },
  duration: { id: 'duration', label: 'Duration', sort: 'duration', width: '76px', align: 'end', render: (r) => <span className="num">{clock(r.durationSec)}</span> },
  status: {
    id: 'status', label: 'Status', sort: 'status', width: '96px',
    render: (r) => <span className={`calls-status calls-status-${r.status}`}>{statusLabel[r.status]}</span>,
  },
  score: {
    id: 'score', label: 'Score', sort: 'score', width: '84px',
    render: (r) => {
      const band = scoreBand(r.scorePct, r.autoFailed);
      if (r.scorePct === null) return <span className="muted">—</span>;
      return (
        // The column shows whole points; the tooltip the exact score, written as everywhere else.
        <span className={`calls-score calls-score-${band}`} title={r.autoFailed ? `Auto-failed · ${scoreText(r.scorePct)}` : scoreText(r.scorePct)}>
          <span className="num">{Math.round(r.scorePct)}</span>
          <span className="calls-score-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, r.scorePct)}%` }} /></span>
        </span>
      );
    },
  },
  quality: {
    id: 'quality', label: 'Quality', sort: 'quality', width: '72px', align: 'end',
    render: (r) =>
      r.transcriptQuality === null ? <span className="muted">—</span> : (
        // Below the threshold the call also carries the "Needs review" flag, which says what to do.
        <span className="num" title={`Transcript quality ${r.transcriptQuality}/100`}>{r.transcriptQuality}</span>
      ),
  },
  sentiment: {
    id: 'sentiment', label: 'Sentiment', sort: 'sentiment', width: '96px',
    render: (r) =>
      r.sentiment ? (
        <span className={`calls-sentiment calls-sentiment-${r.sentiment}`}>{r.sentiment[0]!.toUpperCase() + r.sentiment.slice(1)}</span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  flags: {
    id: 'flags', label: 'Flags', width: 'minmax(90px, 1.2fr)',
    render: (r) => (
      <span className="calls-flags">
        {r.flags.map((f) => (
          // Each flag says why it is set on hover (and to screen readers), from the flag's one definition.
          <span key={f} className={`calls-flag calls-flag-${f}`} title={flagReason(r, f)} aria-label={`${flagLabel[f]}: ${flagReason(r, f)}`}>{flagShort[f]}</span>
        ))}
      </span>
    ),
  },
};
