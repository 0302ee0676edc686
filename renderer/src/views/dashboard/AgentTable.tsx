import type { DashboardView } from '../../../../preload/contract/operations/dashboard.js';
import { openCalls } from './open-calls.js';

/** Per-agent totals as a table (the accessible twin of the per-agent chart); a row opens their calls. */
export function AgentTable({ rows, range }: { rows: DashboardView['agentScoreOverTime']; range: { from: string; to: string } }) {
  const byAgent = new Map<string, { calls: number; sum: number }>();
  for (const r of rows) {
    const a = byAgent.get(r.agent) ?? { calls: 0, sum: 0 };
    a.calls += r.calls;
    a.sum += r.avgScore * r.calls;
    byAgent.set(r.agent, a);
  }
  const agents = [...byAgent].map(([agent, a]) => ({ agent, calls: a.calls, avg: a.sum / a.calls })).sort((x, y) => y.calls - x.calls);
  if (!agents.length) return null;
  return (
    <section className="card dash-agents" aria-label="Agents">
      <h2>Agents</h2>
      <table aria-label="Scores per agent">
        <thead><tr><th scope="col">Agent</th><th scope="col">Scored calls</th><th scope="col">Average score</th></tr></thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.agent}>
              <td><button type="button" className="linkish" onClick={() => openCalls({ agent: a.agent }, range)}>{a.agent}</button></td>
              <td>{a.calls}</td>
              <td>{Math.round(a.avg * 10) / 10}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
