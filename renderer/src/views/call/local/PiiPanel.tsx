import type { RecordingPii } from '../../../../../preload/contract/schemas/local-analytics.js';
import { clock } from '../format.js';

/** Personal data said in the call: category, the words, and a chip that jumps to the moment. */
const LABELS: Record<string, string> = { cvv: 'CVV', pin: 'PIN', date_of_birth: 'Date of birth', national_id: 'National ID' };
const categoryLabel = (c: string) => LABELS[c] ?? c.replace(/_/g, ' ').replace(/^\w/, (x) => x.toUpperCase());

export function PiiPanel({ pii, onSeek }: { pii: RecordingPii; onSeek: (sec: number) => void }) {
  const masked = new Set(pii.redactCategories);
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
            <span className="pii-text small">“{f.text}”</span>
            {masked.has(f.category) ? <span className="muted small">masked in exports</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
