import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { ProviderStatus } from '../../preload/contract/schemas/queue.js';
import { tripsBreaker } from './classify.js';
import { TransportUnavailable } from './transport.js';

export interface BreakerOptions {
  /** Consecutive outage-type failures that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one probe request is let through (half-open). */
  halfOpenAfterMs: number;
}
export const defaultBreaker: BreakerOptions = { threshold: 5, halfOpenAfterMs: 15_000 };

/** Thrown inside the breaker when *we* stopped the attempt (cancel, shutdown): never the provider's fault. */
export class JobAborted extends Error {
  constructor(readonly reason: string) {
    super(`aborted: ${reason}`);
    this.name = 'JobAborted';
  }
}

const circuitNames: Record<CircuitState, ProviderStatus['circuit']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * One remote provider's circuit breaker (cockatiel). While the circuit is open the scheduler claims
 * nothing for it, except one probe job once `halfOpenAfterMs` has passed; cockatiel turns that call
 * into the half-open test, and its success closes the circuit (onReset → waiting jobs resume).
 * 'local' work has no gate.
 */
export class ProviderGate {
  readonly breaker: CircuitBreakerPolicy;
  lastError: string | null = null;
  private openedAt = 0;
  probeInFlight = false;

  constructor(
    readonly id: string,
    private readonly opts: BreakerOptions,
    onChange: (gate: ProviderGate, state: ProviderStatus['circuit']) => void,
  ) {
    this.breaker = circuitBreaker(handleWhen((e) => !(e instanceof JobAborted) && !(e instanceof TransportUnavailable) && tripsBreaker(e)), {
      halfOpenAfter: opts.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(opts.threshold),
    });
    this.breaker.onBreak(() => (this.openedAt = Date.now()));
    this.breaker.onStateChange((s) => onChange(this, circuitNames[s]));
  }

  get circuit(): ProviderStatus['circuit'] {
    return circuitNames[this.breaker.state];
  }

  /** 'all' when closed; 'probe' when a half-open test may start now; 'none' while open or testing. */
  admission(now: number): 'all' | 'probe' | 'none' {
    const s = this.breaker.state;
    if (s === CircuitState.Closed) return 'all';
    if (s === CircuitState.Open && !this.probeInFlight && now >= this.nextProbeAt()!) return 'probe';
    return 'none';
  }

  nextProbeAt(): number | null {
    return this.breaker.state === CircuitState.Open ? this.openedAt + this.opts.halfOpenAfterMs : null;
  }
}

/**
 * A concurrency pool (cockatiel bulkhead) shared by the steps placed on it. The scheduler only claims
 * as many jobs as the lane has free slots, so nothing waits inside the bulkhead holding a lease; the
 * bulkhead is the hard guarantee. A settings change resizes it for the next claims.
 */
export class Lane {
  inFlight = 0;
  private policy: BulkheadPolicy;
  private limit: number;

  constructor(readonly key: string, readonly provider: string, limit: number) {
    this.limit = limit;
    this.policy = bulkhead(limit);
  }

  get concurrency(): number {
    return this.limit;
  }

  get bulkhead(): BulkheadPolicy {
    return this.policy;
  }

  resize(limit: number): void {
    if (limit === this.limit) return;
    // In-flight calls keep their slot in the old policy; `free` accounts for them via inFlight.
    this.limit = limit;
    this.policy = bulkhead(limit);
  }

  free(): number {
    return Math.max(0, Math.min(this.limit - this.inFlight, this.policy.executionSlots));
  }
}
