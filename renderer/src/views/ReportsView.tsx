import { EmptyState } from '../components/EmptyState.js';
import { ViewHeader } from './ViewHeader.js';

export function ReportsView() {
  return (
    <>
      <ViewHeader title="Reports" subtitle="Exports for team leads, agents and compliance." />
      <EmptyState icon="reports" title="Nothing to report yet">
        <p>Once calls are reviewed you can export CSV/XLSX data, PDF scorecards, agent reports and self-contained evidence packs, redacted by default.</p>
      </EmptyState>
    </>
  );
}
