import { AppError } from '../errors.js';
import type { ComputeWorker } from '../jobs/transport.js';
import { TEAM_PROTOCOL } from './wire.js';

/** What a worker says about itself every few seconds. */
export interface WorkerAnnouncement {
  id: string;
  host: string;
  pid: number;
  version: string;
  protocol: number;
  steps: string[];
  concurrency: number;
  inFlight: number;
  startedAt: number;
}

/** Workers heart-beat this often; one silent for GONE_AFTER_HEARTBEATS of them is gone. */
export const HEARTBEAT_MS = 5_000;
const GONE_AFTER_HEARTBEATS = 3;
/** A gone worker stays listed this long (the System view shows what happened), then is forgotten. */
const FORGET_AFTER_MS = 10 * 60_000;

const majorMinor = (v: string) => v.split('.').slice(0, 2).join('.');

/**
 * Discovery of the team server's workers: each announces itself (id, host, pid, version, steps,
 * concurrency, in flight) over its worker token; the API keeps them in memory (a restarted API hears
 * from every live worker within one heartbeat). A worker of another protocol or another app version
 * (major.minor) is refused with what to run instead. The scheduler asks it how many more jobs of a
 * step the live workers can take.
 */
export class ServiceRegistry {
  private readonly workers = new Map<string, Omit<ComputeWorker, 'state'>>();

  constructor(
    private readonly appVersion: string,
    private readonly now: () => number = Date.now,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  heartbeat(a: WorkerAnnouncement, tokenName: string): void {
    if (a.protocol !== TEAM_PROTOCOL || majorMinor(a.version) !== majorMinor(this.appVersion)) {
      throw new AppError('invalid_input',
        `This worker (version ${a.version}, protocol ${a.protocol}) cannot work for this server (version ${this.appVersion}, protocol ${TEAM_PROTOCOL}).`,
        `Run the worker of the server's version (${majorMinor(this.appVersion)}.x): update it the same way the server was updated, then start it again.`,
        { details: { reason: 'incompatible_worker', serverVersion: this.appVersion, serverProtocol: TEAM_PROTOCOL } });
    }
    const prev = this.workers.get(a.id);
    this.workers.set(a.id, {
      id: a.id, name: tokenName, host: a.host, pid: a.pid, version: a.version, steps: [...a.steps], concurrency: a.concurrency,
      inFlight: a.inFlight, startedAt: prev?.startedAt ?? a.startedAt, lastHeartbeat: this.now(),
    });
  }

  /** A worker that says goodbye (stopping cleanly) is gone at once. */
  leave(id: string): void {
    const w = this.workers.get(id);
    if (w) this.workers.set(id, { ...w, inFlight: 0, lastHeartbeat: this.now() - (GONE_AFTER_HEARTBEATS + 1) * this.heartbeatMs });
  }

  list(): ComputeWorker[] {
    const now = this.now();
    const out: ComputeWorker[] = [];
    for (const [id, w] of this.workers) {
      if (now - w.lastHeartbeat > FORGET_AFTER_MS) {
        this.workers.delete(id);
        continue;
      }
      out.push({ ...w, state: this.isLive(w, now) ? 'live' : 'gone' });
    }
    return out.sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Slots of the live workers serving any of these steps (each worker runs `concurrency` jobs per step). */
  slots(steps: readonly string[]): number {
    const now = this.now();
    let n = 0;
    for (const w of this.workers.values()) {
      if (!this.isLive(w, now)) continue;
      for (const s of steps) if (w.steps.includes(s)) n += w.concurrency;
    }
    return n;
  }

  private isLive(w: Omit<ComputeWorker, 'state'>, now: number): boolean {
    return now - w.lastHeartbeat <= GONE_AFTER_HEARTBEATS * this.heartbeatMs;
  }
}
