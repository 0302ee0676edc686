import { useEffect } from 'react';
import { useReports } from '../stores/reports-store.js';
import { ExportForm } from './reports/ExportForm.js';
import { PreviewPane } from './reports/PreviewPane.js';
import { RecentExports } from './reports/RecentExports.js';
import { ViewHeader } from './ViewHeader.js';
import './reports/reports.css';

/** Reports: choose what to export and for what, preview it, save it; recent exports below. */
export function ReportsView() {
  const init = useReports((s) => s.init);
  useEffect(() => {
    void init();
  }, [init]);
  return (
    <>
      <ViewHeader title="Reports" subtitle="Exports for team leads, agents and compliance. Personal data is redacted unless you choose otherwise." />
      <div className="reports-grid">
        <ExportForm />
        <PreviewPane />
      </div>
      <RecentExports />
    </>
  );
}
