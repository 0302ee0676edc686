/**
 * One line of `npm run bench`: a measured figure, the baseline measured in the same run, their ratio,
 * and the target. Ratios make figures comparable across machines; the raw numbers are printed too.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baselineName?: string;
  baseline?: number;
  /** value ÷ baseline (lower is better unless `higherIsBetter`). */
  ratio?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export { median };

/** Median wall time of `fn` in ms over `runs` runs, after three warm-up runs (statement and page caches). */
export async function medianMs(fn: () => unknown, runs = 25): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

export function printRows(section: string, rows: BenchRow[]): void {
  process.stdout.write(`\n## ${section}\n`);
  for (const r of rows) {
    const base = r.baseline !== undefined ? `  baseline ${r.baselineName}: ${fmt(r.baseline)} ${r.unit}` : '';
    const ratio = r.ratio !== undefined ? `  ratio ${r.ratio.toFixed(2)}×` : '';
    const target = r.target ? `  target ${r.target} ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS'}` : '';
    process.stdout.write(`- ${r.name}: ${fmt(r.value)} ${r.unit}${base}${ratio}${target}${r.note ? `  (${r.note})` : ''}\n`);
  }
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(3));
