// `npm start` (after the build): the desktop app when the Electron binary is installed, otherwise
// browser mode with a one-line explanation. Electron is an optional dependency whose install step
// downloads the binary, which fails on machines without that download (CI, offline installs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** The Electron executable, or null. require('electron') returns its path (or throws if not downloaded). */
function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  // Forward stop requests so the child closes its database and log cleanly.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    process.stderr.write(`Could not start ${command}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal so the caller sees it; fall back to the shell convention.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      setTimeout(() => process.exit(128), 1000).unref();
      return;
    }
    process.exit(code ?? 1);
  });
}

const electron = electronBinary();
if (electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
  run(electron, [resolve(root, 'dist/electron/main.mjs')], env);
} else {
  process.stdout.write('Electron is not installed (it is an optional dependency and its binary could not be downloaded here), so starting browser mode instead; open the URL printed below.\n');
  run(process.execPath, [resolve(root, 'dist/server/serve.mjs')]);
}
