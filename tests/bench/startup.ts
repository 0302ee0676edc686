import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveEntry } from '../helpers/serve-process.js';
import { median, type BenchRow } from './bench-row.js';

/** Milliseconds from spawn until `until` matches stdout (or the process exits). */
function timeToOutput(args: string[], env: NodeJS.ProcessEnv, until: RegExp | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let readyMs: number | null = null;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until && readyMs === null && until.test(out)) {
        readyMs = performance.now() - t0;
        p.kill('SIGTERM');
      }
    });
    p.once('exit', (code) => {
      if (!until) resolve(performance.now() - t0);
      else if (readyMs !== null) resolve(readyMs);
      else reject(new Error(`exited ${code} before ready: ${out}`));
    });
  });
}

/** Browser-mode start → ready line on an empty data dir, against a bare `node -e ""` start. */
export async function benchStartup(runs = 7): Promise<BenchRow[]> {
  const bare: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToOutput(['-e', ''], process.env, null));
    const dataDir = mkdtempSync(join(tmpdir(), 'cca-bench-start-'));
    ready.push(await timeToOutput([serveEntry], { ...process.env, CCA_DATA_DIR: dataDir, CCA_PORT: '0', CCA_PROFILE: 'production' }, /#token=/));
    rmSync(dataDir, { recursive: true, force: true });
  }
  const value = median(ready);
  const baseline = median(bare);
  return [{
    name: 'browser-mode start to ready line (empty data dir, median of 7)',
    value, unit: 'ms', baselineName: 'bare node -e ""', baseline, ratio: value / baseline,
    target: '≤ 1000 ms', pass: value <= 1000,
  }];
}
