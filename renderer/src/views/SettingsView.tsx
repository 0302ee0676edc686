import { useEffect, useMemo, useState } from 'react';
import { settingDefs, settingKeys, type SettingKey, type Settings } from '../../../preload/contract/schemas/settings.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useSettings } from '../stores/settings-store.js';
import { SecretsPanel } from './settings/SecretsPanel.js';
import { ServerApiNote } from './settings/ServerApiNote.js';
import { SettingField } from './settings/SettingField.js';
import { ReviewSettings } from './settings/ReviewSettings.js';
import { ViewHeader } from './ViewHeader.js';
import { can, useSession } from '../stores/session-store.js';

const groups: { id: (typeof settingDefs)[SettingKey]['group']; title: string }[] = [
  { id: 'providers', title: 'Providers' },
  { id: 'queue', title: 'Processing queue' },
  { id: 'import', title: 'Import and library' },
  { id: 'privacy', title: 'Privacy and redaction' },
  { id: 'general', title: 'General' },
  { id: 'security', title: 'Sign-in and network' },
  { id: 'storage', title: 'Storage' },
];

export function SettingsView() {
  const { view, error, saving, load, save } = useSettings();
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const admin = can(useSession((st) => st.me), 'admin');
  useEffect(() => void load(), [load]);
  const dirty = useMemo(() => Object.keys(draft).length > 0, [draft]);

  if (!view) return <><ViewHeader title="Settings" />{error ? <ErrorBanner error={error} onRetry={load} /> : <div className="skeleton" aria-busy="true" />}</>;
  const lockedReason = (k: SettingKey) =>
    !admin ? 'only an admin changes settings' : view.sources[k] === 'env' ? `set by ${settingDefs[k].env}` : !settingDefs[k].editable ? `set with ${settingDefs[k].env}` : null;

  return (
    <>
      <ViewHeader
        title="Settings"
        subtitle={`Saved to ${view.configFile}`}
        actions={
          <>
            <button type="button" className="btn" disabled={!dirty} onClick={() => setDraft({})}>Discard</button>
            <button type="button" className="btn primary" disabled={!dirty || saving}
              onClick={() => void save(draft).then((saved) => { if (saved) setDraft({}); })}>
              {saving ? 'Saving…' : 'Save changes'}
            </button>
          </>
        }
      />
      {error ? <ErrorBanner error={error} /> : null}
      <div className="settings-grid">
        <SecretsPanel secrets={view.secrets} />
        {groups.map((g) => (
          <section className="card" key={g.id} aria-labelledby={`group-${g.id}`}>
            <h2 id={`group-${g.id}`}>{g.title}</h2>
            {g.id === 'providers' ? <ServerApiNote /> : null}
            {settingKeys.filter((k) => settingDefs[k].group === g.id).map((k) => (
              <SettingField
                key={k}
                name={k}
                def={settingDefs[k]}
                value={k in draft ? draft[k] : view.values[k]}
                locked={lockedReason(k)}
                onChange={(v) => setDraft({ ...draft, [k]: v })}
              />
            ))}
          </section>
        ))}
      </div>
      <ReviewSettings />
    </>
  );
}
