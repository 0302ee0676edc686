import { useState } from 'react';
import type { SpeakerInfo, SpeakerRole } from '../../../../../preload/contract/schemas/transcript.js';
import { useCall } from '../../../stores/call-store.js';
import { roleLabel } from '../format.js';

/** Who is who: rename a speaker ("Dana") or set their role; Swap exchanges agent and customer. */
export function SpeakersBar({ speakers }: { speakers: SpeakerInfo[] }) {
  const { renameSpeaker, swapSpeakers, busy } = useCall();
  return (
    <div className="speakers-bar" aria-label="Speakers">
      {speakers.map((s) => <SpeakerField key={`${s.id}:${s.name ?? ""}`} s={s} onSave={(name, role) => void renameSpeaker(s.id, name, role)} />)}
      <button type="button" className="btn small" disabled={busy} onClick={() => void swapSpeakers()}>Swap speakers</button>
    </div>
  );
}

function SpeakerField({ s, onSave }: { s: SpeakerInfo; onSave: (name: string | null, role?: SpeakerRole) => void }) {
  const [name, setName] = useState(s.name ?? '');
  const commit = () => {
    const next = name.trim() || null;
    if (next !== s.name) onSave(next);
  };
  return (
    <span className={`speaker-field role-${s.role}`}>
      <select value={s.role} aria-label={`Role of ${roleLabel(s.role, s.name)}`} onChange={(e) => onSave(s.name, e.target.value as SpeakerRole)}>
        <option value="agent">Agent</option>
        <option value="customer">Customer</option>
        <option value="unknown">Unknown</option>
      </select>
      <input value={name} placeholder={roleLabel(s.role, null)} aria-label={`Name of ${roleLabel(s.role, s.name)}`} size={10}
        onChange={(e) => setName(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
    </span>
  );
}
