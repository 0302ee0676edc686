import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CallRow } from '../../../../preload/contract/schemas/calls.js';
import { useCalls } from '../../stores/calls-store.js';
import { callColumn, columnDefs, fitColumns } from './columns.js';
import { Snippet } from './Snippet.js';

export const openCall = (id: number) => {
  useCalls.getState().opened(id);
  window.location.hash = `#/calls/${id}`;
};

const ROW = 48;
const ROW_WITH_SNIPPET = 78;

/**
 * The virtualized Calls table: only the rows in view (plus overscan) are in the DOM, so 50,000 calls
 * scroll like 50. ARIA table semantics with aria-rowcount/aria-rowindex so assistive technology knows
 * the full size; the selected row (j/k) is aria-selected and kept in view.
 */
export function CallsTable() {
  const { rows, total, columns, sort, dir, selected, lastOpened, searching, setSort, ensureRange, select } = useCalls(useShallow((s) => ({
    rows: s.rows, total: s.total, columns: s.columns, sort: s.sort, dir: s.dir, selected: s.selected, lastOpened: s.lastOpened, searching: !!s.filter.q,
    setSort: s.setSort, ensureRange: s.ensureRange, select: s.select,
  })));
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = searching ? ROW_WITH_SNIPPET : ROW;
  const count = total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  useEffect(() => {
    if (count) ensureRange(first, last);
  }, [first, last, count, ensureRange]);
  useEffect(() => {
    if (count) virtualizer.scrollToIndex(selected, { align: 'auto' });
    // Selection and focus are one thing: when the keyboard is in the table, it follows the selection.
    const body = scrollRef.current;
    if (body && body.contains(document.activeElement) && document.activeElement !== body) {
      requestAnimationFrame(() => body.querySelector<HTMLElement>(`[aria-rowindex="${selected + 2}"] .calls-name`)?.focus());
    }
  }, [selected, count, virtualizer]);

  // Narrow windows drop the least important columns first instead of cutting the last ones off.
  const tableRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = tableRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.round(e!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Stable between renders so the memoized rows skip re-rendering when only the scroll position moved.
  const defs = useMemo(() => fitColumns(columns, width).map((c) => columnDefs[c]), [columns, width]);
  const template = [callColumn.width, ...defs.map((d) => d.width)].join(' ');

  return (
    <div ref={tableRef} className="calls-table" role="table" aria-label="Calls" aria-rowcount={count + 1} style={{ ['--calls-cols' as string]: template }}>
      <div className="calls-row calls-head" role="row" aria-rowindex={1}>
        <div role="columnheader" className="calls-cell">Call</div>
        {defs.map((d) => {
          const active = d.sort && d.sort === sort;
          return (
            <div key={d.id} role="columnheader" className={`calls-cell${d.align === 'end' ? ' end' : ''}`}
              aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : d.sort ? 'none' : undefined}>
              {d.sort ? (
                <button type="button" className={`calls-sort${active ? ' active' : ''}`} onClick={() => setSort(d.sort!)}>
                  {d.label}
                  <span aria-hidden="true" className="calls-sort-arrow">{active ? (dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                </button>
              ) : (
                d.label
              )}
            </div>
          );
        })}
      </div>
      <div className="calls-body" ref={scrollRef} tabIndex={-1} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows.get(v.index);
            return (
              <div key={v.key} className="calls-vrow" style={{ transform: `translateY(${v.start}px)`, height: rowHeight }}>
                {row ? (
                  <Row row={row} index={v.index} selected={v.index === selected} recent={row.id === lastOpened} onSelect={select} defs={defs} />
                ) : (
                  <div className="calls-row calls-placeholder" role="row" aria-rowindex={v.index + 2} aria-busy="true">
                    <div role="cell" className="calls-cell"><span className="calls-shimmer" /></div>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const Row = memo(function Row(props: { row: CallRow; index: number; selected: boolean; recent: boolean; onSelect(i: number): void; defs: (typeof columnDefs)[keyof typeof columnDefs][] }) {
  const { row, index, selected, recent, defs } = props;
  return (
    // A click anywhere on the row opens the call (its name is the link for keyboard and middle-click).
    <div
      className={`calls-row${selected ? ' selected' : ''}${recent ? ' recent' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-call-id={row.id}
      onClick={(e) => {
        props.onSelect(index);
        if (!(e.target instanceof HTMLElement && e.target.closest('a, button'))) openCall(row.id);
      }}
    >
      <div role="cell" className="calls-cell calls-call">
        <a href={`#/calls/${row.id}`} className="calls-name" title={row.fileName} onClick={() => useCalls.getState().opened(row.id)}
          onFocus={() => { if (!selected) props.onSelect(index); }}>{row.fileName}</a>
        <span className="calls-sub">
          {row.reviewedAt ? <span className="calls-reviewed">Reviewed</span> : null}
          {[row.externalCallId, row.customer, row.direction].filter(Boolean).join(' · ')}
        </span>
      </div>
      {defs.map((d) => (
        <div key={d.id} role="cell" className={`calls-cell${d.align === 'end' ? ' end' : ''}`}>{d.render(row)}</div>
      ))}
      {row.match ? <Snippet match={row.match} /> : null}
    </div>
  );
});

/** What the table shows before the first page arrives. */
export function CallsSkeleton() {
  return (
    <div className="calls-table" aria-busy="true" aria-label="Loading calls">
      <div className="calls-head calls-skeleton-head" />
      {Array.from({ length: 9 }, (_, i) => (
        <div key={i} className="calls-skeleton-row"><span className="calls-shimmer" style={{ width: `${55 + ((i * 17) % 40)}%` }} /></div>
      ))}
    </div>
  );
}
