import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Lease owners are `host:pid:nonce`. On start the scheduler reclaims running jobs whose owner process
 * is gone right away (instead of waiting for the lease to expire), which is what makes the batch
 * continue immediately after a crash. A lease from another host is only reclaimed when it expires.
 */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export function ownerIsGone(owner: string | null, self: string): boolean {
  if (!owner) return true;
  if (owner === self) return false;
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return true; // an earlier, stopped scheduler of this process
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
