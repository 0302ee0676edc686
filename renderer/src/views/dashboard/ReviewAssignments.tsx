import { useEffect, useState } from 'react';
import type { ReviewerLoad } from '../../../../preload/contract/schemas/assignments.js';
import { api } from '../../api/client.js';
import { useNav } from '../../stores/nav-store.js';
import { ReviewerLoadTable } from '../reviews/ReviewerLoadTable.js';
import '../account/account.css';
import '../reviews/reviews.css';

/** For leads on a team server: who has how many calls to review, and what is overdue. */
export function ReviewAssignments() {
  const [loads, setLoads] = useState<ReviewerLoad[] | null>(null);
  const go = useNav((s) => s.go);
  useEffect(() => void api['assignments.reviewers']({}).then((r) => setLoads(r.ok ? r.value : null)), []);
  if (!loads?.some((l) => l.open + l.overdue + l.done > 0)) return null;
  const overdue = loads.reduce((a, l) => a + l.overdue, 0);
  return (
    <section className="card dash-assignments" aria-label="Review assignments">
      <h2>Review assignments</h2>
      <p className="small">{overdue ? <span style={{ color: 'var(--bad)' }}>{overdue} overdue</span> : 'Nothing overdue'} · <a href="#/reviews" onClick={(e) => { e.preventDefault(); go('reviews'); }}>Assign and sample in My reviews</a></p>
      <ReviewerLoadTable loads={loads} />
    </section>
  );
}
