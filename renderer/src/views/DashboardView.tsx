import { EmptyState } from '../components/EmptyState.js';
import { ViewHeader } from './ViewHeader.js';

export function DashboardView() {
  return (
    <>
      <ViewHeader title="Dashboard" subtitle="Scores, compliance and sentiment across your calls." />
      <EmptyState icon="dashboard" title="No scored calls yet">
        <p>Charts appear here once calls have been analysed: score distribution, scores per agent, compliance pass rates and how often reviewers override the AI.</p>
      </EmptyState>
    </>
  );
}
