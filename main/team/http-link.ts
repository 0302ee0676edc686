import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { WorkerAnnouncement } from './service-registry.js';
import type { WorkerConfig } from './worker-gateway.js';
import type { StepJobData, WireOutcome } from './wire.js';
import type { StorageLink } from './worker-service.js';

interface Envelope<T> {
  ok: boolean;
  value?: T;
  error?: { category: string; message: string; hint: string };
}

export interface HttpLinkOptions {
  apiUrl: string;
  token: string;
  logger: Logger;
  /** How long a result keeps being offered while the API cannot be reached (it restarts). */
  deliverForMs?: number;
}

/**
 * A worker's way to the storage service: the worker routes over HTTP(S) with the worker token. A
 * result is offered again while the API cannot be reached (a restart, a network blip) — the attempt
 * it belongs to survives in the API's database, and the API answers whether it still wants it.
 */
export class HttpLink implements StorageLink {
  private readonly base: string;

  constructor(private readonly opts: HttpLinkOptions) {
    this.base = opts.apiUrl.replace(/\/+$/, '');
  }

  async config(): Promise<WorkerConfig> {
    const r = await this.call<WorkerConfig>('GET', '/api/v1/worker/config');
    if (!r.ok) throw refused(r.error, 'config');
    return r.value!;
  }

  async announce(a: WorkerAnnouncement): Promise<void> {
    const r = await this.call('POST', '/api/v1/worker/heartbeat', a);
    if (!r.ok) throw refused(r.error, 'heartbeat');
  }

  async leave(id: string): Promise<void> {
    await this.call('POST', '/api/v1/worker/leave', { id });
  }

  async input(job: StepJobData): Promise<unknown> {
    const r = await this.call<{ input: unknown; configVersion: string }>('GET', `${attemptPath(job)}/input`);
    if (r.status === 410) return null;
    if (!r.ok) throw refused(r.error, 'input');
    this.configVersion = r.value!.configVersion;
    return r.value!.input;
  }

  /** The config version the API's last input answer expects (the worker refreshes its config when it differs). */
  configVersion: string | null = null;

  async audioUrl(job: StepJobData): Promise<{ url: string; expiresAt: string } | null> {
    const r = await this.call<{ url: string; expiresAt: string }>('GET', `${attemptPath(job)}/audio-url`);
    if (r.status === 410) return null;
    if (!r.ok) throw refused(r.error, 'audio');
    return { ...r.value!, url: `${this.base}${r.value!.url}` };
  }

  progress(job: StepJobData, fraction: number): void {
    void this.call('POST', `${attemptPath(job)}/progress`, { fraction }).catch(() => undefined);
  }

  async deliver(job: StepJobData, outcome: WireOutcome): Promise<boolean> {
    const deadline = Date.now() + (this.opts.deliverForMs ?? 120_000);
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        const r = await this.call('POST', `${attemptPath(job)}/result`, outcome);
        if (r.ok) return true;
        if (r.status === 410) return false;
        throw refused(r.error, 'result');
      } catch (e) {
        if (e instanceof AppError || Date.now() > deadline) throw e;
        this.opts.logger.warn({ err: e, jobId: job.jobId }, 'the server is not answering: offering the result again');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  private async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Envelope<T> & { status: number }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.opts.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let parsed: Envelope<T>;
    try {
      parsed = JSON.parse(text) as Envelope<T>;
    } catch {
      throw new Error(`${method} ${path} answered ${res.status} without the JSON envelope: ${text.slice(0, 200)}`);
    }
    return { ...parsed, status: res.status };
  }
}

const attemptPath = (job: StepJobData) => `/api/v1/worker/attempts/${job.jobId}/${job.fence}`;

const refused = (e: Envelope<unknown>['error'], what: string): AppError =>
  new AppError(e?.category === 'auth' ? 'auth' : 'invalid_input', `The server refused the worker's ${what}: ${e?.message ?? 'no reason given'}`, e?.hint ?? 'Check the worker token and the server version.');
