import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ErrorCategory } from '../../preload/contract/errors.js';
import type { WorkerPrincipal } from '../auth/worker-tokens.js';
import type { Core } from '../core-types.js';
import { AppError } from '../errors.js';
import { readJsonBody } from './contract-routes.js';
import type { HttpEnv } from './http-route.js';
import { errorResponse, failure, jsonResponse } from './json-response.js';

/** A step result may carry an hour-long call's transcript with word timings. */
const MAX_RESULT_BODY = 64 * 1024 * 1024;

const Announcement = z.object({
  id: z.string().min(1).max(200), host: z.string().max(253), pid: z.number().int().nonnegative(), version: z.string().max(50),
  protocol: z.number().int(), steps: z.array(z.string().max(50)).max(20), concurrency: z.number().int().min(1).max(1000),
  inFlight: z.number().int().nonnegative(), startedAt: z.number(),
});
const n = z.number().nullable();
const s = (max: number) => z.string().max(max);
/** A provider exchange measured on the worker (provider-traffic.ts's shape). */
const Exchange = z.object({
  at: z.number(), recordingId: n, jobId: n, step: s(50).nullable(), provider: s(50), operation: s(50), endpoint: s(300), model: s(200).nullable(),
  bytesSent: z.number().nonnegative(), bytesReceived: z.number().nonnegative(), audioSec: n, charsSent: n, status: n, error: s(2000).nullable(),
  requestId: s(300).nullable(), traceId: s(64).nullable(), durationMs: z.number().nonnegative(),
});
const exchanges = z.array(Exchange).max(1000).optional();
const Outcome = z.union([
  z.object({ ok: z.literal(true), result: z.unknown(), exchanges }),
  z.object({ ok: z.literal(false), error: z.object({ category: ErrorCategory, message: z.string().max(4000), hint: z.string().max(4000), details: z.record(z.string(), z.unknown()).optional() }), exchanges }),
]);
const Attempt = z.object({ jobId: z.coerce.number().int().positive(), fence: z.coerce.number().int().nonnegative() });

const gone = () => failure('not_found', 'This attempt is no longer waiting for a worker (cancelled, re-run, reclaimed or answered already).', 'Drop the job: the server has moved on.', 410);

/**
 * The routes of the `worker` role (main/team): the only thing a worker token may reach, and the only
 * routes that take one. Mounted before anyone else's credentials are looked at, so a person's token
 * or session never reaches them and a worker token never reaches anything else (identify.ts refuses
 * it everywhere else). Every answer about an attempt exists only while the attempt waits in the API.
 */
export function mountWorkerRoutes(api: Hono<HttpEnv>, core: Core): void {
  const { gateway } = core.team ?? {};
  const route = (handle: (c: Context<HttpEnv>, worker: WorkerPrincipal) => Promise<Response> | Response) => async (c: Context<HttpEnv>) => {
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const worker = bearer ? core.workerTokens.verify(bearer) : null;
    if (!worker) {
      return failure('auth', 'The worker routes need a live worker token (this one is missing, wrong or revoked).',
        'Mint one with `npm run users -- worker-token --name <worker>` (or in the Users view) and start the worker with CCA_WORKER_TOKEN=<token>.');
    }
    if (!gateway) {
      return failure('not_found', 'This server runs the steps itself (CCA_QUEUE=embedded): there is no work for workers.', 'Start the server with CCA_QUEUE=redis and CCA_REDIS_URL to use worker services.', 409);
    }
    try {
      return await handle(c, worker);
    } catch (e) {
      return errorResponse(e);
    }
  };
  const attempt = (c: Context<HttpEnv>) => {
    const a = Attempt.safeParse({ jobId: c.req.param('jobId'), fence: c.req.param('fence') });
    if (!a.success) throw new AppError('invalid_input', 'The attempt is named by a job id and a fencing token (numbers).', 'Use the job data BullMQ gave the worker.');
    return a.data;
  };
  const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> => {
    const r = schema.safeParse(value);
    if (!r.success) throw new AppError('invalid_input', `The worker sent a malformed body: ${r.error.issues[0]?.message ?? 'invalid'}.`, 'Run a worker of the server\'s version.');
    return r.data;
  };
  const ok = (value: unknown) => jsonResponse(200, { ok: true, value });

  api.get('/api/v1/worker/config', route(() => ok(gateway!.config())));
  api.post('/api/v1/worker/heartbeat', route(async (c, worker) => {
    const a = parse(Announcement, await readJsonBody(c.req.raw));
    try {
      gateway!.heartbeat(a, worker.name);
    } catch (e) {
      if (e instanceof AppError && e.details.reason === 'incompatible_worker') return failure(e.category, e.message, e.hint, 409);
      throw e;
    }
    return ok({ serverVersion: core.appVersion });
  }));
  api.post('/api/v1/worker/leave', route(async (c) => {
    const { id } = parse(z.object({ id: z.string().min(1).max(200) }), await readJsonBody(c.req.raw));
    gateway!.leave(id);
    return ok({});
  }));
  api.get('/api/v1/worker/attempts/:jobId/:fence/input', route((c) => {
    const { jobId, fence } = attempt(c);
    const found = gateway!.input(jobId, fence);
    return found ? ok(found) : gone();
  }));
  api.get('/api/v1/worker/attempts/:jobId/:fence/audio-url', route((c) => {
    const { jobId, fence } = attempt(c);
    const signed = gateway!.audioUrl(jobId, fence);
    return signed ? ok(signed) : gone();
  }));
  // The audio of one recording, reached with the short-lived link the audio-url route made (the link is
  // the credential: it names this path and expires; an expired or altered one is refused).
  api.get('/api/v1/worker/audio/:id', async (c) => {
    if (!gateway) return failure('not_found', 'There are no worker services on this server.', 'Nothing to fetch.', 409);
    const id = Number(c.req.param('id'));
    const audio = core.services.audio;
    if (!Number.isInteger(id) || id <= 0 || !audio.verify(new URL(c.req.url).pathname, c.req.query('exp') ?? null, c.req.query('sig') ?? null)) {
      return failure('auth', 'This audio link is invalid or has expired.', 'Ask for a fresh link (GET /api/v1/worker/attempts/{jobId}/{fence}/audio-url).', 403);
    }
    try {
      const out = await audio.response(id, c.req.header('range'), c.req.raw.method === 'HEAD');
      return new Response(out.body ? (Readable.toWeb(out.body) as ReadableStream<Uint8Array>) : null, { status: out.status, headers: out.headers });
    } catch (e) {
      return errorResponse(e);
    }
  });
  api.post('/api/v1/worker/attempts/:jobId/:fence/progress', route(async (c) => {
    const { jobId, fence } = attempt(c);
    const { fraction } = parse(z.object({ fraction: z.number().min(0).max(1) }), await readJsonBody(c.req.raw));
    return gateway!.progress(jobId, fence, fraction) ? ok({}) : gone();
  }));
  api.post('/api/v1/worker/attempts/:jobId/:fence/result', route(async (c) => {
    const { jobId, fence } = attempt(c);
    const outcome = parse(Outcome, await readJsonBody(c.req.raw, MAX_RESULT_BODY));
    // Refused when the attempt is gone: a duplicate delivery, or a cancelled/re-run/reclaimed one.
    return gateway!.deliver(jobId, fence, outcome) ? ok({ taken: true }) : gone();
  }));
}
