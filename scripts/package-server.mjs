// `npm run package:server`: the team server as a folder to install on a machine without containers —
// release/server/ holds exactly what the container image has in /app (package.json,
// package-lock.json, dist/, node_modules/ pruned to production and trimmed to what dist/ loads at run
// time, as the Containerfile does), plus scripts/setup-server.sh and deploy/systemd/ to install it:
//   sudo scripts/setup-server.sh                        (on this machine, from the checkout)
//   rsync -a release/server/ host:/tmp/cca/ && ssh host sudo /tmp/cca/scripts/setup-server.sh
// The native addons in it (better-sqlite3) are this machine's: install it where Node has the same
// major version, on Linux x64 with the same or a newer glibc (Debian/Ubuntu). docs/DEPLOY.md.
//   node scripts/package-server.mjs [--no-build]        --no-build: package the dist/ there is
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const release = join(root, 'release');
const target = join(release, 'server');
const t0 = performance.now();
const fail = (message) => {
  process.stderr.write(`package-server: ${message}\n`);
  process.exit(1);
};
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

if (process.platform !== 'linux') fail(`the package holds native addons built here (${process.platform}); build it on Linux, like the server it is for.`);
if (!existsSync(join(root, 'node_modules', 'better-sqlite3'))) fail('node_modules is not installed: run npm ci first.');

// dist/ as the build makes it (incremental: only what changed is written).
if (!process.argv.includes('--no-build')) run(process.execPath, [join(root, 'scripts/build.mjs')]);
for (const f of ['dist/server/serve.mjs', 'dist/cli/worker.mjs', 'dist/cli/users.mjs']) {
  if (!existsSync(join(root, f))) fail(`${f} is missing: run without --no-build (or npm run build).`);
}

// Everything is put together beside the target, then renamed into place: a reader (an install running
// from it) never sees a half-made package.
mkdirSync(release, { recursive: true });
const staging = mkdtempSync(join(release, '.server-'));
try {
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(root, f), join(staging, f));
  // cp -a: hundreds of MB of small files, much faster than a copy in Node; links stay links.
  run('cp', ['-a', join(root, 'dist'), join(root, 'node_modules'), staging]);
  // The renderer's build stamp and the Electron entries are not the server's, but the image keeps
  // dist/ whole; so does this (the same bytes the container tests run).
  run('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], staging);
  run(process.execPath, [join(root, 'scripts/runtime-modules.mjs'), join(staging, 'node_modules')]);
  // better-sqlite3: only its compiled addon (not its C sources and object files), as in the image.
  const sqlite = join(staging, 'node_modules/better-sqlite3');
  for (const p of ['deps', 'src', 'build/deps', 'build/Release/obj.target', 'build/Release/obj', 'build/Release/.deps', 'build/Release/test_extension.node', 'build/Release/sqlite3.a']) {
    rmSync(join(sqlite, p), { recursive: true, force: true });
  }
  // Electron itself (its binary, when a desktop checkout has one) is never run by the server.
  rmSync(join(staging, 'node_modules/electron/dist'), { recursive: true, force: true });
  // The installer, so the folder can be copied to a server and installed from there.
  mkdirSync(join(staging, 'scripts'));
  cpSync(join(root, 'scripts/setup-server.sh'), join(staging, 'scripts/setup-server.sh'));
  cpSync(join(root, 'deploy/systemd'), join(staging, 'deploy/systemd'), { recursive: true });

  // The addon must load here, with the Node it was built for.
  execFileSync(process.execPath, ['-e', 'const D = require(process.argv[1]); new D(":memory:").close()', sqlite], { stdio: 'inherit' });

  const old = existsSync(target) ? mkdtempSync(join(release, '.server-old-')) : null;
  if (old) renameSync(target, join(old, 'server'));
  renameSync(staging, target);
  if (old) rmSync(old, { recursive: true, force: true });
} catch (e) {
  rmSync(staging, { recursive: true, force: true });
  fail(e instanceof Error ? e.message : String(e));
}

const mb = Number(execFileSync('du', ['-sm', target], { encoding: 'utf8' }).split('\t')[0]);
process.stdout.write(`package-server: ${target} (${mb} MB, Node ${process.versions.node}, ABI ${process.versions.modules}) in ${Math.round((performance.now() - t0) / 1000)} s
  install here:      sudo scripts/setup-server.sh
  or on a server:    rsync -a release/server/ <host>:/tmp/cca/ && ssh <host> sudo /tmp/cca/scripts/setup-server.sh
  (that server needs Node ${process.versions.node.split('.')[0]} (>= 20.19); docs/DEPLOY.md)
`);
