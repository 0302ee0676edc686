import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { AuditPage } from '../../../preload/contract/schemas/auth.js';
import type { z } from 'zod';
import { api } from '../api/client.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { ViewHeader } from './ViewHeader.js';
import './account/account.css';
import { dateTime } from '../../../preload/contract/time-format.js';

type Entry = z.infer<typeof AuditPage>['entries'][number];
const kinds = ['', 'auth', 'user', 'api_token', 'recording', 'review', 'settings', 'price', 'rubric', 'export', 'assignments'];
const PAGE = 100;

/** What changed, who did it and when: the audit trail of the whole instance, by user and kind (leads and admins). */
export function AuditView() {
  const [actor, setActor] = useState('');
  const [entity, setEntity] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [actors, setActors] = useState<string[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const fetchPage = (before?: number) => api['audit.list']({ limit: PAGE, ...(actor ? { actor } : {}), ...(entity ? { entity } : {}), ...(before ? { before } : {}) });
  useEffect(() => {
    void fetchPage().then((r) => {
      if (!r.ok) return setError(r.error);
      setEntries(r.value.entries);
      setActors(r.value.actors);
      setMore(r.value.entries.length === PAGE);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when a filter changes
  }, [actor, entity]);
  const older = async () => {
    const r = await fetchPage(entries.at(-1)?.id);
    if (!r.ok) return setError(r.error);
    setEntries([...entries, ...r.value.entries]);
    setMore(r.value.entries.length === PAGE);
  };
  const filters = (
    <div className="audit-filters" role="group" aria-label="Filter the audit trail">
      <select aria-label="User" value={actor} onChange={(e) => setActor(e.target.value)}>
        <option value="">Everyone</option>
        {actors.map((a) => <option key={a} value={a}>{a}</option>)}
      </select>
      <select aria-label="Kind" value={entity} onChange={(e) => setEntity(e.target.value)}>
        {kinds.map((k) => <option key={k} value={k}>{k ? k.replace('_', ' ') : 'Every kind'}</option>)}
      </select>
    </div>
  );
  return (
    <>
      <ViewHeader title="Audit" subtitle="Every sign-in, override, review, setting, export and account change, newest first." actions={filters} />
      {error ? <ErrorBanner error={error} onRetry={() => setError(null)} /> : null}
      <section className="card" aria-label="Audit trail">
        <table className="users-table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="small">{dateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action.replace(/_/g, ' ')}</td>
                <td className="small">{e.entity.replace('_', ' ')} {e.entityId}</td>
                <td className="small muted">{details(e)}</td>
              </tr>
            ))}
            {!entries.length ? <tr><td colSpan={5} className="muted">Nothing recorded for this filter.</td></tr> : null}
          </tbody>
        </table>
        {more ? <button type="button" className="btn" onClick={() => void older()}>Older entries</button> : null}
      </section>
    </>
  );
}

/** Old → new values in one short line (the full JSON stays in the API). */
function details(e: Entry): string {
  const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, 160));
  const from = show(e.oldValue);
  const to = show(e.newValue);
  return from && to ? `${from} → ${to}` : from || to;
}
