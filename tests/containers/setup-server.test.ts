import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis-server.js';
import { repoRoot } from '../helpers/serve-process.js';
import { buildImage, IMAGE, podman } from './podman.js';

/**
 * Issue 33: the bare-metal install (scripts/setup-server.sh) in a throw-away root. The app image with
 * systemd and redis-server from Debian added (and its user cca removed, so the script makes its own)
 * stands in for a fresh VM; the script and deploy/ are mounted read-only and it installs /app as the
 * built app. systemd does not run in the container: the units are checked with systemd-analyze verify
 * and enabled offline. A second run changes nothing (not one path, size, mtime or mode), the installed
 * API and a worker with the minted token start as user cca from the env file, and --uninstall keeps
 * the data and the settings.
 */
const suffix = randomBytes(3).toString('hex');
const testImage = `localhost/cca-setup-test:${suffix}`;
const container = `cca-setup-test-${suffix}`;
const SCRIPT = '/src/scripts/setup-server.sh';
let buildDir = '';

/** A shell command in the container (as root); stdout, trimmed. Throws with stderr on a non-zero exit. */
const sh = (script: string, timeoutMs = 120_000) => podman(['exec', container, 'bash', '-c', script], timeoutMs);
/** A shell command whose exit status and output (stdout and stderr together) are both wanted. */
async function shStatus(script: string, timeoutMs = 300_000): Promise<{ code: number; out: string }> {
  const text = await sh(`{ ${script} ; } >/tmp/out.txt 2>&1; echo "exit=$?"; cat /tmp/out.txt`, timeoutMs);
  const [first, ...rest] = text.split('\n');
  return { code: Number(/^exit=(\d+)$/.exec(first!)![1]), out: rest.join('\n') };
}
const setup = (args: string) => shStatus(`bash ${SCRIPT} ${args}`);

// Every file the install owns, with what a change would alter.
const LISTING = "find /opt/cca /etc/cca /etc/systemd/system /var/lib/cca -printf '%p %y %s %T@ %m %u:%g %l\\n' | LC_ALL=C sort";

beforeAll(async () => {
  buildImage();
  buildDir = mkdtempSync(join(tmpdir(), 'cca-setup-image-'));
  writeFileSync(join(buildDir, 'Containerfile'), [
    `FROM ${IMAGE}`,
    'USER root',
    'ENV DEBIAN_FRONTEND=noninteractive',
    'RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends systemd redis-server >/dev/null && rm -rf /var/lib/apt/lists/*',
    // A fresh machine has no cca user: the script makes it (the image made its own for the container).
    'RUN userdel cca && (groupdel cca 2>/dev/null || true)',
    'WORKDIR /',
    'ENTRYPOINT []',
    '',
  ].join('\n'));
  await podman(['build', '--format', 'docker', '--network=host', '-t', testImage, '-f', join(buildDir, 'Containerfile'), buildDir], 15 * 60_000);
  await podman([
    // --no-healthcheck: the app image's HEALTHCHECK would ask podman for systemd timers this machine lacks.
    'run', '-d', '--no-healthcheck', '--name', container, '--network=host',
    '-v', `${join(repoRoot, 'scripts/setup-server.sh')}:${SCRIPT}:ro`,
    '-v', `${join(repoRoot, 'deploy')}:/src/deploy:ro`,
    testImage, 'sleep', 'infinity',
  ]);
}, 40 * 60_000);

afterAll(async () => {
  await podman(['rm', '-f', '-t', '0', container]).catch(() => undefined);
  await podman(['rmi', '-f', testImage]).catch(() => undefined);
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('scripts/setup-server.sh (bare-metal install)', () => {
  it('refuses bad options (exit 2) and a non-root user (exit 1), saying what to do', async () => {
    const bad = await setup('--workers lots');
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--workers must be a whole number from 0 to 64 \(got "lots"\)/);
    const steps = await setup('--from /app --worker-steps transcribe,dance');
    expect(steps).toMatchObject({ code: 2, out: expect.stringMatching(/unknown step "dance"/) as unknown });
    const notRoot = await shStatus(`runuser -u nobody -- bash ${SCRIPT} --from /app`);
    expect(notRoot.code).toBe(1);
    expect(notRoot.out).toMatch(/must run as root[\s\S]*sudo/);
    const missing = await setup('--from /nowhere');
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('--from /nowhere: no such folder');
    // Nothing was installed by any of them.
    expect(await sh('ls /opt /etc/systemd/system | grep -c cca || true')).toBe('0');
  });

  it('installs: user, app, data, settings, worker token and units that systemd-analyze verify accepts', async () => {
    const first = await setup('--from /app --workers 2');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('changed: /opt/cca');
    expect(first.out).toContain('enabled; systemd is not running here, so they start on the next boot');
    expect(first.out).not.toContain('nothing to change');

    // A system user with its home in the data folder and no login shell.
    const [, , uid, , , home, shell] = (await sh('getent passwd cca')).split(':');
    expect(Number(uid)).toBeLessThan(1000);
    expect(await sh('id -u cca')).toBe(uid);
    expect([home, shell]).toEqual(['/var/lib/cca', '/usr/sbin/nologin']);

    expect(await sh('stat -c "%U:%G %a" /opt/cca /opt/cca/dist/server/serve.mjs /var/lib/cca /etc/cca /etc/cca/cca.env /etc/cca/worker-token')).toBe([
      'root:root 755', 'root:root 644', 'cca:cca 700', 'root:cca 750', 'root:cca 640', 'root:cca 640',
    ].join('\n'));
    // The app is /app's: the same files.
    await sh('diff -r --no-dereference /app/dist /opt/cca/dist && diff -r --no-dereference /app/node_modules /opt/cca/node_modules');
    // The token was minted against the API's database (created in the data folder, by cca).
    expect(await sh('cat /etc/cca/worker-token')).toMatch(/^cca_wkr_[A-Za-z0-9_-]{20,}$/);
    expect(await sh('stat -c "%U %a" /var/lib/cca/cca.sqlite')).toBe('cca 600');

    const env = await sh('grep -v "^#" /etc/cca/cca.env | grep .');
    expect(env.split('\n')).toEqual([
      'CCA_PROFILE=production', 'CCA_DATA_DIR=/var/lib/cca', 'CCA_HOST=127.0.0.1', 'CCA_PORT=8080', 'CCA_AUTH=users', 'CCA_QUEUE=redis',
      'CCA_REDIS_URL=redis://127.0.0.1:6379', 'CCA_API_URL=http://127.0.0.1:8080', 'CCA_WORKER_TOKEN_FILE=/etc/cca/worker-token',
      'CCA_WORKER_STEPS=', 'CCA_WORKER_CONCURRENCY=4',
    ]);

    // The units parse, name a real node and real files; no warning about them.
    const node = await sh('command -v node');
    expect(await sh('grep ^ExecStart= /etc/systemd/system/cca-api.service /etc/systemd/system/cca-worker@.service')).toBe([
      `/etc/systemd/system/cca-api.service:ExecStart=${node} /opt/cca/dist/server/serve.mjs`,
      `/etc/systemd/system/cca-worker@.service:ExecStart=${node} /opt/cca/dist/cli/worker.mjs`,
    ].join('\n'));
    const verify = await shStatus('systemd-analyze verify /etc/systemd/system/cca-api.service /etc/systemd/system/cca-worker@1.service');
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).not.toMatch(/cca-/);

    expect(await sh('for u in cca-api cca-worker@1 cca-worker@2 cca-worker@3; do systemctl is-enabled $u.service || true; done')).toBe(
      ['enabled', 'enabled', 'enabled', 'disabled'].join('\n'));
  });

  it('a second run changes nothing', async () => {
    const before = await sh(LISTING);
    expect(before).toContain('/opt/cca/dist/server/serve.mjs f');
    const again = await setup('--from /app --workers 2');
    expect(again.code, again.out).toBe(0);
    expect(again.out).not.toContain('changed:');
    expect(again.out).toContain('setup-server: nothing to change');
    const after = await sh(LISTING);
    expect(after === before).toBe(true);
    // Without --workers it keeps the workers enabled now.
    expect((await setup('--from /app')).out).toContain('setup-server: nothing to change');
  });

  it('the installed API and a worker start as cca from the env file, the worker with the minted token', async () => {
    // Other tests share the host network: a Redis and ports of this test's own.
    const [apiPort, redisPort] = [await freePort(), await freePort()];
    const env = `$(grep -v '^#' /etc/cca/cca.env | grep .) CCA_PORT=${apiPort} CCA_API_URL=http://127.0.0.1:${apiPort} CCA_REDIS_URL=redis://127.0.0.1:${redisPort}`;
    await sh(`redis-server --port ${redisPort} --bind 127.0.0.1 --save '' --appendonly no --daemonize yes`);
    // setpriv execs (no fork): the pid written is node's own. As cca, with the env file's settings.
    const asCca = (cmd: string, name: string) => sh(`cd / && (setpriv --reuid=cca --regid=cca --init-groups -- env ${env} ${cmd} >/tmp/${name}.log 2>&1 & echo $! >/tmp/${name}.pid)`);
    await asCca('node /opt/cca/dist/server/serve.mjs', 'api');
    const logs = async (file: string) => sh(`cat ${file}`);
    const until = async (file: string, re: RegExp) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const text = await logs(file);
        if (re.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(re)} in ${file}:\n${text}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    await until('/tmp/api.log', new RegExp(`ready at http://127\\.0\\.0\\.1:${apiPort}/`));
    await asCca('node /opt/cca/dist/cli/worker.mjs --steps probe --concurrency 1', 'worker');
    // The API accepted the token: the worker fetched its config with it before saying ready.
    await until('/tmp/worker.log', /worker ready: id=\S+ steps=probe concurrency=1/);
    expect(await sh('stat -c %U /proc/$(cat /tmp/api.pid) /proc/$(cat /tmp/worker.pid)')).toBe('cca\ncca');
    // Both stop cleanly on SIGTERM (the API removes its launch token as it does). PID 1 of the
    // container (sleep) reaps nothing: an exited process stays a zombie, state Z.
    await sh(`kill $(cat /tmp/worker.pid) $(cat /tmp/api.pid)
      gone() { [ ! -e /proc/$1/stat ] || [ "$(cut -d' ' -f3 /proc/$1/stat)" = Z ]; }
      for i in $(seq 100); do gone $(cat /tmp/api.pid) && gone $(cat /tmp/worker.pid) && exit 0; sleep 0.2; done
      echo "still running after SIGTERM:"; tail -5 /tmp/api.log /tmp/worker.log; exit 1`);
    expect(await sh('ls /var/lib/cca')).not.toContain('api-token');
    await sh(`redis-cli -p ${redisPort} shutdown nosave || true`);
  });

  it('--uninstall removes the app and the units, keeps the data, the settings and the user', async () => {
    const out = await setup('--uninstall');
    expect(out.code, out.out).toBe(0);
    expect(out.out).toMatch(/\/var\/lib\/cca +the database/);
    expect(await sh('ls -d /opt/cca /etc/systemd/system/cca-* /etc/systemd/system/*.wants/cca-* 2>/dev/null | wc -l')).toBe('0');
    expect(await sh('systemctl is-enabled cca-worker@1.service 2>&1 || true')).not.toMatch(/^enabled/);
    expect(await sh('stat -c "%U %s" /var/lib/cca/cca.sqlite | cut -d" " -f1; test -s /etc/cca/cca.env && test -s /etc/cca/worker-token && id -u cca >/dev/null && echo kept')).toBe('cca\nkept');
    expect((await setup('--uninstall')).out).toContain('setup-server: nothing to change');
  });
});
