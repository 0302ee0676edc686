/**
 * Sign-in throttling: after 5 failed sign-ins for one username or from one address within 15 minutes,
 * further attempts are refused (429) for an exponentially growing delay — 30 s, 1 min, 2 min … capped
 * at 15 min — whether or not the account exists. An attempt is counted when it is admitted, before
 * its password is verified (argon2 takes a while): a burst released at once gets exactly the free
 * attempts, however the verifications interleave. A success takes its attempt back and clears the
 * username's count (the address's other failures stay: one address trying many accounts is the attack
 * this stops). In memory: the API process is the one place sign-ins happen.
 */
const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
/** Keys kept at most (an address spraying usernames must not grow this without bound). */
const MAX_KEYS = 50_000;

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds to wait before this username or address may try again; 0 when it may now. */
  retryAfterMs(username: string, ip: string | null): number {
    const t = this.now();
    return Math.max(0, ...this.keys(username, ip).map((k) => (this.entries.get(k)?.lockedUntil ?? 0) - t));
  }

  /**
   * Admit one attempt and count it as a failure until it proves otherwise (`succeeded`). Refused:
   * the wait, nothing counted. Admitted: `locks` says whether this attempt, if it fails, is the one
   * that starts a lock (for the username or the address).
   */
  admit(username: string, ip: string | null): { waitMs: number; locks: boolean } {
    const waitMs = this.retryAfterMs(username, ip);
    if (waitMs > 0) return { waitMs, locks: false };
    const t = this.now();
    let locks = false;
    for (const k of this.keys(username, ip)) {
      const e = this.entries.get(k) ?? { failures: [], lockedUntil: 0 };
      e.failures = e.failures.filter((at) => t - at < WINDOW_MS);
      e.failures.push(t);
      lock(e);
      locks ||= e.lockedUntil > t;
      this.entries.delete(k);
      this.entries.set(k, e); // most recent last: the oldest go first when full
    }
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
    return { waitMs: 0, locks };
  }

  /** The admitted attempt was right: the username starts afresh, the address gets this attempt back. */
  succeeded(username: string, ip: string | null): void {
    this.entries.delete(`user:${username.toLowerCase()}`);
    const e = ip ? this.entries.get(`ip:${ip}`) : undefined;
    if (e) {
      e.failures.pop();
      lock(e);
    }
  }

  private keys(username: string, ip: string | null): string[] {
    return [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
  }
}

/** From the fifth failure in the window on, locked from the latest one for a delay that doubles. */
function lock(e: Entry): void {
  const over = e.failures.length - FREE_FAILURES;
  e.lockedUntil = over >= 0 ? e.failures.at(-1)! + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over) : 0;
}
