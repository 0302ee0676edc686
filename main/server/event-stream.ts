import { blindCallsOf, type CallContext } from '../contract/registry.js';
import type { Core } from '../core-types.js';

/** Keep-alive and credential re-check interval. */
const HEARTBEAT_MS = 15_000;
/** What the server keeps for one slow client before giving up on it (the queue below is bounded by this). */
export const EVENT_BACKLOG_BYTES = 1024 * 1024;

const encoder = new TextEncoder();

/**
 * GET /api/v1/events: every core event as `event: <name>` + `data: <json>` (Server-Sent Events).
 * One instance per server (never module state: two servers in one process keep their clients apart),
 * so shutdown ends exactly its own streams. Backpressure: the stream is pulled by the socket writer,
 * so a client that stops reading leaves chunks queued here; past EVENT_BACKLOG_BYTES it is closed
 * (its EventSource reconnects and the UI refetches what it shows) instead of growing without bound.
 */
export class EventStreams {
  private readonly open = new Set<(close: boolean) => void>();
  /** Streams per signed-in user: ended when the user's sessions are revoked. */
  private readonly byUser = new Map<number, Set<(close: boolean) => void>>();
  private readonly stopRevoked: () => void;

  constructor(private readonly core: Core, private readonly heartbeatMs = HEARTBEAT_MS) {
    // A disabled user or a new role: their open streams end now (the browser reconnects, and is refused or re-scoped).
    this.stopRevoked = core.auth.onRevoked((userId) => {
      for (const stop of [...(this.byUser.get(userId) ?? [])]) stop(true);
    });
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * `cut` drops the connection of a client that stopped reading (Node: destroy its socket). An agent's
   * stream carries only events about their own calls (a `recordingId` they own); nothing else. An event
   * addressed `to` a user reaches that user only.
   */
  response(caller: CallContext, cut?: () => void, stillValid: () => boolean = () => true): Response {
    const agent = caller.agentName;
    const visible = (payload: unknown) => {
      const id = (payload as { recordingId?: unknown } | null)?.recordingId;
      // Calibration blindness (main/contract/blindness.ts): nothing about a call the caller scores blind.
      if (typeof id === 'number' && blindCallsOf(this.core.access, caller).has(id)) return false;
      // An addressed event (a notification) is its recipient's only, whatever their role.
      const to = (payload as { to?: unknown } | null)?.to;
      if (typeof to === 'string') return to === caller.actor;
      if (agent === null) return true;
      return typeof id === 'number' && this.core.access.agentOwns(agent, id);
    };
    let unsubscribe = () => {};
    let heartbeat: NodeJS.Timeout | undefined;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    /** Stop feeding this client; `close` ends the stream once its queue drains (shutdown). */
    const stop = (close: boolean) => {
      if (!this.open.delete(stop)) return;
      if (caller.userId !== null) this.byUser.get(caller.userId)?.delete(stop);
      clearInterval(heartbeat);
      unsubscribe();
      if (close) controller.close();
    };
    const send = (text: string) => {
      if (controller.desiredSize !== null && controller.desiredSize < -EVENT_BACKLOG_BYTES) {
        this.core.logger.warn({ backlogBytes: -controller.desiredSize }, 'event stream client is not reading: dropped it');
        stop(false);
        // Closing would wait for the queue to drain, which a stuck client never does.
        if (cut) cut();
        else controller.error(new Error('event stream client is not reading'));
        return;
      }
      controller.enqueue(encoder.encode(text));
    };
    const body = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          controller = c;
          this.open.add(stop);
          if (caller.userId !== null) {
            const mine = this.byUser.get(caller.userId) ?? new Set();
            mine.add(stop);
            this.byUser.set(caller.userId, mine);
          }
          unsubscribe = this.core.bus.subscribe((name, payload) => {
            if (visible(payload)) send(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
          });
          heartbeat = setInterval(() => {
            // A credential revoked elsewhere (another process) ends the stream at the next beat.
            if (!stillValid()) stop(true);
            else send(': keep-alive\n\n');
          }, this.heartbeatMs);
          heartbeat.unref();
          send('retry: 2000\n: connected\n\n');
        },
        // The client went away (the server cancels the body when the socket closes).
        cancel: () => stop(false),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    );
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
    });
  }

  /** End every open stream (shutdown: otherwise server.close() waits for them forever). */
  closeAll(): void {
    this.stopRevoked();
    for (const stop of [...this.open]) stop(true);
  }
}
