import { useState } from 'react';
import { can, useSession } from '../stores/session-store.js';
import { CalibrationSection } from './reviews/calibration/CalibrationSection.js';
import { MyReviews } from './reviews/MyReviews.js';
import { TeamAssignments } from './reviews/TeamAssignments.js';
import { ViewHeader } from './ViewHeader.js';
import './account/account.css';
import './reviews/reviews.css';

type Tab = 'assignments' | 'calibration';
/** `#/reviews?tab=calibration` opens the Calibration tab (links and reloads keep it). */
const tabFromHash = (): Tab => (/[?&]tab=calibration\b/.test(window.location.hash) ? 'calibration' : 'assignments');

/** Team QA: the calls given to me to review (for leads, the team's load and sampling rules), and calibration sessions. */
export function ReviewsView() {
  const lead = can(useSession((s) => s.me), 'lead');
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const choose = (t: Tab) => {
    setTab(t);
    window.history.replaceState(null, '', t === 'calibration' ? '#/reviews?tab=calibration' : '#/reviews');
  };
  const subtitle = tab === 'calibration'
    ? 'Score the same calls as your colleagues, blind, then see where you agree and which criteria read ambiguously.'
    : lead ? 'Your team\'s review work: who has what, what is overdue, and sampling calls to review.' : 'Calls assigned to you, oldest due first. A call is done when you mark it reviewed.';
  return (
    <>
      <ViewHeader title="My reviews" subtitle={subtitle} />
      <div className="reviews-tabs" role="tablist" aria-label="My reviews">
        {([['assignments', 'Assignments'], ['calibration', 'Calibration']] as const).map(([id, label]) => (
          <button key={id} type="button" role="tab" id={`reviews-tab-${id}`} aria-selected={tab === id} aria-controls={`reviews-panel-${id}`} onClick={() => choose(id)}>{label}</button>
        ))}
      </div>
      <div className="reviews-grid" role="tabpanel" id={`reviews-panel-${tab}`} aria-labelledby={`reviews-tab-${tab}`}>
        {tab === 'calibration' ? <CalibrationSection /> : (
          <>
            {/* A lead's work here is the team's; their own assignments (if any) follow. */}
            {lead ? <TeamAssignments /> : null}
            <MyReviews compact={lead} />
          </>
        )}
      </div>
    </>
  );
}
