/**
 * Fault injection settings and the seeded random source that picks a fault per request, so a test
 * that sets `seed` sees the same sequence of 429s, resets and hangs on every run.
 */
export type InjectedFault =
  | 'rate_limit' // 429 with Retry-After
  | 'server_error' // 500
  | 'unavailable' // 503
  | 'timeout' // read the request, never answer (the client's timeout must fire)
  | 'reset' // read the request, then reset the TCP connection
  | 'malformed' // 200 with a truncated, unparseable JSON body
  | 'schema_violation'; // 200 with valid JSON that breaks the response schema

export const INJECTED_FAULTS: readonly InjectedFault[] = [
  'rate_limit',
  'server_error',
  'unavailable',
  'timeout',
  'reset',
  'malformed',
  'schema_violation',
];

/**
 * `reset`: connections are accepted and dropped as soon as a request arrives (the request is still
 * recorded, so a test can count probes); `refuse`: the port stops listening (ECONNREFUSED).
 */
export type OutageMode = false | 'reset' | 'refuse';

export interface FaultSettings {
  /** Probability (0..1) of each fault per request; the sum should stay <= 1. */
  mix: Partial<Record<InjectedFault, number>>;
  /** Faults forced on the next requests, consumed in order before `mix` is consulted ('none' = pass). */
  sequence: (InjectedFault | 'none')[];
  /** Seconds sent in Retry-After with injected 429s. */
  retryAfterSeconds: number;
  /** Delay before every answer (also before injected errors). */
  latencyMs: number;
  /** Refuse or drop every connection. */
  outage: OutageMode;
  /** Answer 401 to every request whatever key it carries. */
  invalidKey: boolean;
  /** Only inject faults on these endpoints ('POST /v1/responses'...); empty = all endpoints. */
  endpoints: string[];
  /** Seed of the random source; setting it restarts the sequence. */
  seed: number;
}

/** What setFaults accepts: any subset; `outage: true` means 'reset'. */
export type FaultPatch = Partial<Omit<FaultSettings, 'outage'>> & { outage?: OutageMode | true };

export function defaultFaults(): FaultSettings {
  return { mix: {}, sequence: [], retryAfterSeconds: 1, latencyMs: 0, outage: false, invalidKey: false, endpoints: [], seed: 1 };
}

/** Fault mixes are reproducible: the app's seeded generator. */
export { seededRandom } from '../../main/util/seeded-random.js';
import { seededRandom } from '../../main/util/seeded-random.js';

export class FaultPlan {
  settings: FaultSettings = defaultFaults();
  private random = seededRandom(this.settings.seed);

  apply(patch: FaultPatch): void {
    const { outage, ...rest } = patch;
    this.settings = { ...this.settings, ...rest, ...(outage === undefined ? {} : { outage: outage === true ? 'reset' : outage }) };
    // Own copies: `sequence` is consumed in place and must not alias the caller's array.
    this.settings.sequence = [...this.settings.sequence];
    this.settings.endpoints = [...this.settings.endpoints];
    this.settings.mix = { ...this.settings.mix };
    if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
  }

  /** The fault for the next request to `endpoint`, or null to serve it normally. */
  pick(endpoint: string): InjectedFault | null {
    const s = this.settings;
    if (s.endpoints.length && !s.endpoints.includes(endpoint)) return null;
    const forced = s.sequence.shift();
    if (forced !== undefined) return forced === 'none' ? null : forced;
    let roll = this.random();
    for (const fault of INJECTED_FAULTS) {
      const p = s.mix[fault] ?? 0;
      if (roll < p) return fault;
      roll -= p;
    }
    return null;
  }
}
