import type { DashboardView } from '../../../../preload/contract/operations/dashboard.js';
import { ChartCard } from './ChartCard.js';
import { disputeRates } from './charts.js';
import type { themeColors } from './EChart.js';

/**
 * Team QA: how often reviewed scorecards are disputed, and how often the answer stands once a lead
 * decides — per criterion (an often-disputed criterion may need rewording) and per reviewer (a reviewer
 * whose answers are often changed may need calibration).
 */
export function DisputeRates({ d, c }: { d: DashboardView['disputes']; c: ReturnType<typeof themeColors> }) {
  if (!d.byCriterion.some((r) => r.reviewed > 0)) return null;
  const criteria = d.byCriterion.map((r) => ({ ...r, label: r.question }));
  const reviewers = d.byReviewer.map((r) => ({ ...r, label: r.reviewer || '(unknown)' }));
  const none = d.byCriterion.every((r) => r.disputed === 0) ? 'No reviewed call in this range has been disputed.' : null;
  return (
    <>
      <ChartCard title="Disputes per criterion" hint="Share of reviewed calls disputed, and of resolved disputes upheld (the answer stood)" option={disputeRates(criteria, c)}
        height={Math.max(200, criteria.length * 34 + 60)} empty={none} />
      <ChartCard title="Disputes per reviewer" hint="By who reviewed the call: disputed share of their reviews, upheld share of those resolved" option={disputeRates(reviewers, c)}
        height={Math.max(160, reviewers.length * 34 + 60)} empty={none} />
    </>
  );
}
