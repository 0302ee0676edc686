import { can, useSession } from '../stores/session-store.js';
import { MyReviews } from './reviews/MyReviews.js';
import { TeamAssignments } from './reviews/TeamAssignments.js';
import { ViewHeader } from './ViewHeader.js';
import './account/account.css';
import './reviews/reviews.css';

/** Team QA: the calls given to me to review; for leads, the team's load and sampling rules. */
export function ReviewsView() {
  const lead = can(useSession((s) => s.me), 'lead');
  return (
    <>
      <ViewHeader title="My reviews" subtitle={lead ? 'Your team\'s review work: who has what, what is overdue, and sampling calls to review.' : 'Calls assigned to you, oldest due first. A call is done when you mark it reviewed.'} />
      {/* A lead's work here is the team's; their own assignments (if any) follow. */}
      <div className="reviews-grid">
        {lead ? <TeamAssignments /> : null}
        <MyReviews compact={lead} />
      </div>
    </>
  );
}
