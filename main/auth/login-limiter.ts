/**
 * Sign-in throttling: after 5 failed sign-ins for one username or from one address within 15 minutes,
 * further attempts are refused (429) for an exponentially growing delay — 30 s, 1 min, 2 min … capped
 * at 15 min — whether or not the account exists. A success clears the username's count (the address's
 * stays: one address trying many accounts is the attack this stops). In memory: the API process is
 * the one place sign-ins happen.
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

  failed(username: string, ip: string | null): void {
    const t = this.now();
    for (const k of this.keys(username, ip)) {
      const e = this.entries.get(k) ?? { failures: [], lockedUntil: 0 };
      e.failures = e.failures.filter((at) => t - at < WINDOW_MS);
      e.failures.push(t);
      const over = e.failures.length - FREE_FAILURES;
      if (over >= 0) e.lockedUntil = t + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over);
      this.entries.delete(k);
      this.entries.set(k, e); // most recent last: the oldest go first when full
    }
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
  }

  succeeded(username: string): void {
    this.entries.delete(`user:${username.toLowerCase()}`);
  }

  private keys(username: string, ip: string | null): string[] {
    return [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
  }
}
