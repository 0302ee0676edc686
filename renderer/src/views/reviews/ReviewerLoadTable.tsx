import type { ReviewerLoad } from '../../../../preload/contract/schemas/assignments.js';

/** Each reviewer's assigned calls by status (My reviews → Team, and the Dashboard for leads). */
export function ReviewerLoadTable({ loads }: { loads: ReviewerLoad[] }) {
  return (
    <table className="users-table reviews-table" aria-label="Assigned reviews per reviewer">
      <thead><tr><th scope="col">Reviewer</th><th scope="col">Role</th><th scope="col" className="num">To do</th><th scope="col" className="num">Overdue</th><th scope="col" className="num">Done</th><th scope="col">Oldest due</th></tr></thead>
      <tbody>
        {loads.map((l) => (
          <tr key={l.reviewerId}>
            <td>{l.reviewer}</td>
            <td><span className="role-pill">{l.role}</span></td>
            <td className="num">{l.open}</td>
            <td className="num" style={{ color: l.overdue ? 'var(--bad)' : undefined }}>{l.overdue}</td>
            <td className="num">{l.done}</td>
            <td>{l.oldestDue ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
