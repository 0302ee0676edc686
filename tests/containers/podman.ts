import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/serve-process.js';
import { RUN_TAG } from '../setup/processes.js';

const run = promisify(execFile);

/** The local base image (scripts/container-base.sh) and the image the tests build from the Containerfile. */
export const BASE_IMAGE = 'localhost/cca-base:bookworm-node20';
export const IMAGE = 'localhost/cca:test';

// Podman's helpers (conmon) outlive the command that started them by design; they do not carry the
// test run's tag, so the end-of-run check does not count a container the tests remove themselves.
const env = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== RUN_TAG));

/** `podman --runtime /usr/sbin/runc <args>` (how containers run on these machines); its stdout, trimmed. */
export async function podman(args: string[], timeoutMs = 60_000): Promise<string> {
  try {
    const { stdout } = await run('podman', ['--runtime', '/usr/sbin/runc', ...args], { env: env(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (e) {
    const x = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`podman ${args.join(' ')} failed: ${x.message}\n${x.stderr ?? ''}`);
  }
}

/**
 * The base image (built once by scripts/container-base.sh; idempotent), then the app's image from
 * the Containerfile in docker format (the OCI format drops HEALTHCHECK). Prints the image's size.
 */
export function buildImage(): { sizeMb: number } {
  execFileSync('bash', [join(repoRoot, 'scripts/container-base.sh'), BASE_IMAGE], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000, env: env() });
  execFileSync('podman', ['--runtime', '/usr/sbin/runc', 'build', '--format', 'docker', '--network=host', '--build-arg', `BASE=${BASE_IMAGE}`, '-t', IMAGE, '-f', 'Containerfile', '.'], {
    cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], timeout: 20 * 60_000, env: env(),
  });
  const size = Number(execFileSync('podman', ['image', 'inspect', IMAGE, '--format', '{{.Size}}'], { encoding: 'utf8', env: env() }).trim());
  const sizeMb = Math.round(size / 1024 / 1024);
  process.stdout.write(`container image ${IMAGE}: ${sizeMb} MB\n`);
  return { sizeMb };
}

/** `podman <args>` with binary stdin/stdout (an archive streamed in or out of a container). */
export function podmanBytes(args: string[], input?: Buffer, timeoutMs = 120_000): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync('podman', ['--runtime', '/usr/sbin/runc', ...args], { env: env(), input, timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** Poll `fn` until it gives a value; on timeout the error carries the last lines each container logged. */
export async function until<T>(what: string, fn: () => Promise<T | null | false>, containers: readonly string[], ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) {
      // What the containers said is what a reader of a failure needs first.
      const logs = await Promise.all(containers.map((c) => podman(['logs', '--tail', '40', c]).then((l) => `--- ${c}:\n${l}`, () => '')));
      throw new Error(`timed out waiting for ${what}\n${logs.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
