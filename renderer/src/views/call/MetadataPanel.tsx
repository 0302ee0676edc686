import { useChangeBlocked } from '../../stores/session-store.js';
import { useState } from 'react';
import { metadataFields, type CallMetadata, type MetadataPatch } from '../../../../preload/contract/schemas/recordings.js';
import { useCall } from '../../stores/call-store.js';

const labels: Record<keyof CallMetadata, string> = {
  agent: 'Agent', customer: 'Customer', account: 'Account', queue: 'Queue', campaign: 'Campaign',
  callTime: 'Call time', direction: 'Direction', externalCallId: 'Call ID',
};

/**
 * The call's details (from the file name, a metadata file, or the reviewer), editable in place.
 * Only changed fields are sent; an emptied field is cleared; the change lands in the audit trail.
 */
export function MetadataPanel() {
  const blocked = useChangeBlocked();
  const { recording, busy, updateMetadata } = useCall();
  const [draft, setDraft] = useState<Partial<Record<keyof CallMetadata, string>> | null>(null);
  if (!recording) return null;
  const m = recording.metadata;
  const summary = metadataFields.filter((f) => m[f]).map((f) => `${labels[f]} ${m[f]}`).join(' · ') || 'No details yet';

  const save = async () => {
    if (!draft) return;
    const patch: MetadataPatch = {};
    for (const f of metadataFields) {
      if (!(f in draft) || (draft[f] ?? '') === (m[f] ?? '')) continue;
      const v = (draft[f] ?? '').trim();
      (patch as Record<string, string | null>)[f] = v === '' ? null : v;
    }
    if (!Object.keys(patch).length || (await updateMetadata(patch))) setDraft(null);
  };

  return (
    <section className="card call-metadata" aria-label="Call details">
      <div className="call-metadata-head">
        <h2>Call details</h2>
        <span className="muted small">{summary}</span>
        {draft ? null : <button type="button" className="btn small" disabled={!!blocked} title={blocked ?? undefined} onClick={() => setDraft({})}>Edit details</button>}
      </div>
      {draft ? (
        <form className="call-metadata-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          {metadataFields.map((f) => (
            <label key={f}>
              <span>{labels[f]}</span>
              {f === 'direction' ? (
                <select value={draft[f] ?? m[f] ?? ''} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}>
                  <option value="">Unknown</option>
                  <option value="inbound">Inbound</option>
                  <option value="outbound">Outbound</option>
                </select>
              ) : (
                <input value={draft[f] ?? m[f] ?? ''} placeholder={f === 'callTime' ? '2024-05-02T14:30' : ''}
                  onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
              )}
              {recording.metadataSources[f] ? <small className="muted">from {recording.metadataSources[f]}</small> : null}
            </label>
          ))}
          <div className="call-metadata-actions">
            <button type="button" className="btn" onClick={() => setDraft(null)}>Cancel</button>
            <button type="submit" className="btn primary" disabled={busy}>Save details</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
