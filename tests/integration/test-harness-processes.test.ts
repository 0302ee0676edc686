import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { descendants, reapLeftovers, RUN_TAG, taggedProcesses } from '../setup/processes.js';

// The run's last check (tests/setup/vitest-global.ts, playwright-global.ts) finds processes a test
// left behind by the tag every process of the run inherits. This proves the finding works.
describe('left-behind processes', () => {
  it('the run is tagged, and a detached grandchild that outlives its parent is found, named and killed', async () => {
    const tag = process.env[RUN_TAG];
    expect(tag, 'globalSetup tags the run before workers start').toMatch(/^\d+-\d+$/);
    // A parent that starts a long sleeper in its own session and exits: the sleeper is orphaned, the
    // way a server is when a test process dies without its teardown.
    const parent = spawn(process.execPath, ['-e', "require('child_process').spawn('sleep', ['300'], { detached: true, stdio: 'ignore' }).unref()"], { stdio: 'ignore' });
    await new Promise((r) => parent.once('exit', r));
    const orphan = taggedProcesses(tag!).find((p) => p.command === 'sleep 300');
    expect(orphan, 'the orphan carries the run tag').toBeDefined();
    expect(descendants(process.pid).some((p) => p.pid === orphan!.pid)).toBe(false);
    // Only this test's orphan: the other worker's servers carry the same tag and are still in use.
    const report = await reapLeftovers(tag!, 200, (p) => p.pid === orphan!.pid);
    expect(report).toContain('sleep 300');
    expect(report).toContain(`pid ${orphan!.pid}`);
    expect(taggedProcesses(tag!).some((p) => p.pid === orphan!.pid)).toBe(false);
  });
});
