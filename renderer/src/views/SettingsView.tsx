import { useEffect, useMemo, useState } from 'react';
import { settingDefs, settingKeys, type SettingKey, type Settings } from '../../../preload/contract/schemas/settings.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useSettings } from '../stores/settings-store.js';
import { SecretsPanel } from './settings/SecretsPanel.js';
import { ServerApiNote } from './settings/ServerApiNote.js';
import { SettingField } from './settings/SettingField.js';
import { ReviewSettings } from './settings/ReviewSettings.js';
import { ViewHeader } from './ViewHeader.js';
import { useUnsavedGuard } from '../stores/use-unsaved-guard.js';
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

/** Settings for whoever runs the machine (logs, database tuning, retention): folded away under Advanced. */
const advanced = new Set<SettingKey>(['profile', 'logLevel', 'logMaxSizeMb', 'logMaxFiles', 'dbBusyTimeoutMs', 'dbReadConnections', 'dbSlowQueryMs', 'problemsRetentionDays']);
const keysOf = (group: string) => settingKeys.filter((k) => settingDefs[k].group === group && !advanced.has(k));

export function SettingsView() {
  const { view, error, saving, load, save } = useSettings();
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const admin = can(useSession((st) => st.me), 'admin');
  useEffect(() => void load(), [load]);
  const dirty = useMemo(() => Object.keys(draft).length > 0, [draft]);
  // Unsaved changes are not dropped silently: leaving the view or the page asks first.
  useUnsavedGuard('settings', dirty);
  const saveDraft = () => void save(draft).then((ok) => {
    if (!ok) return;
    const n = Object.keys(draft).length;
    setDraft({});
    setSaved(`Saved ${n} change${n === 1 ? '' : 's'}.`);
    setTimeout(() => setSaved(null), 6000);
  });
  const field = (k: SettingKey) => (
    <SettingField key={k} name={k} def={settingDefs[k]} value={k in draft ? draft[k] : view!.values[k]} locked={lockedReason(k)}
      onChange={(v) => { setSaved(null); setDraft({ ...draft, [k]: v }); }} />
  );

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
            {saved ? <span className="settings-saved small" role="status">{saved}</span> : dirty ? <span className="muted small" role="status">Unsaved changes</span> : null}
            <button type="button" className="btn primary" disabled={!dirty || saving} onClick={saveDraft}>
              {saving ? 'Saving…' : 'Save changes'}
            </button>
          </>
        }
      />
      {error ? <ErrorBanner error={error} /> : null}
      <nav className="settings-nav" aria-label="Settings sections">
        {[['secrets', 'API keys'], ...groups.map((g) => [`group-${g.id}`, g.title]), ['settings-advanced', 'Advanced'], ['settings-rubrics', 'Rubrics and prices']].map(([id, title]) => (
          <a key={id} href={`#/settings`} className="linkish small" onClick={(e) => { e.preventDefault(); document.getElementById(id!)?.scrollIntoView({ block: 'start' }); }}>{title}</a>
        ))}
      </nav>
      <div className="settings-grid">
        <div id="secrets"><SecretsPanel secrets={view.secrets} /></div>
        {groups.map((g) => (
          <section className="card" key={g.id} aria-labelledby={`group-${g.id}`}>
            <h2 id={`group-${g.id}`}>{g.title}</h2>
            {g.id === 'providers' ? <ServerApiNote /> : null}
            {keysOf(g.id).map(field)}
          </section>
        ))}
        <details className="card settings-advanced">
          <summary><h2 id="settings-advanced">Advanced</h2><span className="muted small"> logs, database tuning, retention</span></summary>
          {[...advanced].map(field)}
        </details>
      </div>
      <div id="settings-rubrics" />
      <ReviewSettings />
    </>
  );
}
