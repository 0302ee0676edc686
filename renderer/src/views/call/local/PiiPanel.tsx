import type { RecordingPii } from '../../../../../preload/contract/schemas/local-analytics.js';
import { useState } from 'react';
import { api } from '../../../api/client.js';
import { usePrivacy } from '../../../stores/privacy-store.js';
import { clock } from '../format.js';

/** Personal data said in the call: category, the words, and a chip that jumps to the moment. */
const LABELS: Record<string, string> = { cvv: 'CVV', pin: 'PIN', date_of_birth: 'Date of birth', national_id: 'National ID' };
const categoryLabel = (c: string) => LABELS[c] ?? c.replace(/_/g, ' ').replace(/^\w/, (x) => x.toUpperCase());

export function PiiPanel({ pii, onSeek }: { pii: RecordingPii; onSeek: (sec: number) => void }) {
  const masked = new Set(pii.redactCategories);
  const hidden = usePrivacy((s) => s.onScreen);
  const [revealed, setRevealed] = useState<Map<number, string>>(new Map());
  const reveal = (i: number) => {
    // Each reveal asks the app (which records it in the audit trail); the words were never in the page.
    void api['analytics.revealPii']({ id: pii.recordingId, index: i }).then((r) => {
      if (r.ok) setRevealed((m) => new Map(m).set(i, r.value.text));
    });
  };
  return (
    <section className="card local-pii" aria-label="Personal data">
      <header className="call-card-head">
        <h2>Personal data</h2>
        <span className="muted small">{pii.status === 'ready' ? `${pii.findings.length} found` : pii.status === 'no_transcript' ? 'needs a transcript' : 'checking…'}</span>
      </header>
      {pii.status === 'ready' && pii.findings.length === 0 ? <p className="muted small">None found.</p> : null}
      <ul className="pii-list" data-testid="pii-list">
        {pii.findings.map((f, i) => (
          <li key={i} className="pii-item">
            <button type="button" className="chip" onClick={() => onSeek(f.start)} title="Go to this moment">
              <span className="chip-time">{clock(f.start)}</span>
              {categoryLabel(f.category)}
            </button>
            <span className="pii-text small" data-testid="pii-text">“{revealed.get(i) ?? f.text}”</span>
            {hidden && !revealed.has(i) ? (
              <button type="button" className="linkish small" onClick={() => reveal(i)} title="Show the words (recorded in the audit trail)">Reveal</button>
            ) : null}
            {masked.has(f.category) ? <span className="muted small">masked in exports</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
