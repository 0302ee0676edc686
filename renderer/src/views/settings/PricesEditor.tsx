import { useState } from 'react';
import type { PriceEntry } from '../../../../preload/contract/schemas/analysis.js';
import { useApp } from '../../stores/app-store.js';
import { useReviewSettings } from './review-settings-store.js';

type Field = 'perAudioMinute' | 'perMInput' | 'perMOutput';
const fields: [Field, string][] = [['perAudioMinute', '$ / audio minute'], ['perMInput', '$ / 1M input tokens'], ['perMOutput', '$ / 1M output tokens']];

/** The price table behind every cost figure: edit a model's rate (your contract, or 0 for a local server). */
export function PricesEditor() {
  const { prices, savePrice } = useReviewSettings();
  const toast = useApp((s) => s.toast);
  const [edits, setEdits] = useState<Record<string, PriceEntry>>({});
  const row = (p: PriceEntry) => edits[p.model] ?? p;
  const set = (p: PriceEntry, f: Field, v: string) => setEdits({ ...edits, [p.model]: { ...row(p), [f]: v === '' ? null : Number(v) } });
  const save = async (p: PriceEntry) => {
    if (await savePrice(row(p))) {
      const { [p.model]: _saved, ...rest } = edits;
      setEdits(rest);
      toast({ level: 'success', message: `Price of ${p.model} saved.` });
    }
  };
  return (
    <section className="card prices-editor" aria-labelledby="prices-title">
      <h2 id="prices-title">Prices</h2>
      <p className="muted small">USD, used for the cost of each call and the dashboard's cost per day. Leave a field empty when the model is not billed that way.</p>
      <table aria-label="Model prices">
        <thead><tr><th scope="col">Model</th><th scope="col">Provider</th>{fields.map(([, l]) => <th key={l} scope="col">{l}</th>)}<th scope="col"><span className="sr-only">Save</span></th></tr></thead>
        <tbody>
          {prices.map((p) => (
            <tr key={p.model}>
              <td className="mono">{p.model}</td>
              <td>{p.provider}</td>
              {fields.map(([f, l]) => (
                <td key={f}><input type="number" min={0} step="any" value={row(p)[f] ?? ''} aria-label={`${l} for ${p.model}`} style={{ width: 96 }} onChange={(e) => set(p, f, e.target.value)} /></td>
              ))}
              <td><button type="button" className="btn small" disabled={!edits[p.model]} onClick={() => void save(p)}>Save</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
