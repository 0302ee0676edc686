import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../main/observability/metrics.js';

/**
 * docs/observability/grafana-dashboard.json is a promise to teams that import it: every metric it
 * queries must be one the app exports (a renamed family would leave a panel silently empty).
 */
const docs = join(import.meta.dirname, '../../../docs/observability');

describe('the Grafana dashboard and scrape config', () => {
  it('query only metric families the app exports', async () => {
    const dash = JSON.parse(readFileSync(join(docs, 'grafana-dashboard.json'), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const exported = new Set((await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const families = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    const used = dash.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:cca|nodejs|process)_[a-z0-9_]+)\b/g)].map((m) => m[1]!)));
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(exported.has(name) || exported.has(families(name)), name).toBe(true);
    for (const family of ['cca_jobs', 'cca_step_duration_seconds', 'cca_provider_requests_total', 'cca_circuit_state', 'cca_cost_usd_total', 'cca_recordings_imported_total']) {
      expect(used.some((u) => families(u) === family), `a panel for ${family}`).toBe(true);
    }
  });

  it('the scrape config reads /metrics with a bearer token', () => {
    const yml = readFileSync(join(docs, 'prometheus.yml'), 'utf8');
    expect(yml).toMatch(/metrics_path: \/metrics/);
    expect(yml).toMatch(/authorization:\s*\n\s*type: Bearer/);
  });
});
