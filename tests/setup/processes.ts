import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every process a test run starts carries CCA_TEST_RUN in its environment (set before any worker
 * forks; spawned children inherit it). At the end the run looks for processes that still carry it:
 * a test that leaves a server, fake, redis-server or browser behind fails the run, by name.
 */
export const RUN_TAG = 'CCA_TEST_RUN';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process exited while we looked
  }
}

function info(pid: number): ProcessInfo | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const command = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim().slice(0, 200);
  return { pid, ppid, command };
}

function allPids(): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Give this run its tag (once) so every process started from here on can be found again. */
export function tagRun(): string {
  process.env[RUN_TAG] ??= `${process.pid}-${Date.now()}`;
  return process.env[RUN_TAG]!;
}

/** Live processes carrying `tag`, other than this one and its direct children (the test workers). */
export function taggedProcesses(tag: string): ProcessInfo[] {
  const marker = `${RUN_TAG}=${tag}\0`;
  const found: ProcessInfo[] = [];
  for (const pid of allPids()) {
    if (pid === process.pid) continue;
    const env = read(`/proc/${pid}/environ`);
    if (!env?.includes(marker)) continue;
    const p = info(pid);
    // Zombies have no environ; a direct child of the runner is one of its own workers shutting down.
    if (p && p.ppid !== process.pid) found.push(p);
  }
  return found;
}

/** Processes below `root` (children, grandchildren, …). */
export function descendants(root: number): ProcessInfo[] {
  const all = allPids().map(info).filter((p): p is ProcessInfo => p !== null);
  const out: ProcessInfo[] = [];
  let frontier = [root];
  while (frontier.length) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    out.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return out;
}

export function killAll(processes: ProcessInfo[]): void {
  for (const p of processes) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/**
 * Wait up to `graceMs` for tagged processes (those `which` accepts) to exit; kill what is left and
 * describe it, or return null.
 */
export async function reapLeftovers(tag: string, graceMs = 5_000, which: (p: ProcessInfo) => boolean = () => true): Promise<string | null> {
  const deadline = Date.now() + graceMs;
  const find = () => taggedProcesses(tag).filter(which);
  let left = find();
  while (left.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    left = find();
  }
  if (!left.length) return null;
  killAll(left);
  // SIGKILL is delivered, not awaited: wait (bounded) until they are gone, so the answer is final.
  const killedBy = Date.now() + 5_000;
  const pids = new Set(left.map((p) => p.pid));
  while (taggedProcesses(tag).some((p) => pids.has(p.pid)) && Date.now() < killedBy) await new Promise((r) => setTimeout(r, 50));
  return `the test run left ${left.length} process(es) running (now killed):\n${left.map((p) => `  pid ${p.pid} (parent ${p.ppid}): ${p.command}`).join('\n')}`;
}
