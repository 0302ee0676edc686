import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const NOBODY = 65534;
const tsx = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');

/**
 * Tests of "unreadable file" need a user the kernel refuses: root reads anything, so as root they run
 * a child as `nobody`. That only works when `nobody` can reach this checkout (a clone under /root,
 * mode 0700, is out of its reach). Returns why it cannot, or null when it can.
 */
export function whyNobodyCannotRunHere(): string | null {
  if (process.getuid?.() !== 0) return null;
  try {
    execFileSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(tsx)}, require('fs').constants.R_OK)`], {
      uid: NOBODY, gid: NOBODY, cwd: '/', stdio: 'ignore',
    });
    return null;
  } catch {
    return `running as root and user "nobody" cannot read this checkout (${tsx}), so the kernel cannot be made to refuse a read`;
  }
}
