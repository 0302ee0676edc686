import type { Logger } from 'pino';
import type { EventBus } from '../../events/event-bus.js';

/**
 * Tells the queue about a batch's new recordings (`recording.imported` starts each one's pipeline).
 * During a batch the announcements are held back and sent when the batch is in, a few dozen per turn
 * of the event loop: the pipeline's first steps (re-hashing the file, decoding it for metrics, a few
 * SQLite transactions per step on the main thread) would otherwise run alongside the import they
 * follow and, on a 2-core machine, double a 1,000-file import's time and block the event loop
 * beyond 100 ms. A long batch (a slow network share) does not keep the pipeline waiting: what has
 * been held for HOLD_MAX_MS is sent anyway. A crash before sending loses nothing: the queue picks up
 * recordings without jobs at start-up. Runs in the main process; one per batch.
 */

/** Longest a recording waits for its batch to finish before the queue hears about it anyway. */
export const HOLD_MAX_MS = 30_000;
/** Announcements sent per turn of the event loop (each enqueue is a small SQLite transaction). */
const PER_TURN = 25;

export interface Announcement {
  recordingId: number;
  fileName: string;
}

export class Announcer {
  private held: Announcement[] = [];
  private heldSince = 0;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly bus: EventBus, private readonly logger: Logger) {}

  announce(a: Announcement): void {
    if (!this.held.length) this.heldSince = performance.now();
    this.held.push(a);
    if (performance.now() - this.heldSince >= HOLD_MAX_MS) void this.flush();
  }

  /** Send everything held (in order, after anything already being sent); resolves once sent. */
  flush(): Promise<void> {
    const batch = this.held;
    this.held = [];
    if (batch.length) this.sending = this.sending.then(() => this.send(batch));
    return this.sending;
  }

  private async send(batch: Announcement[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      try {
        this.bus.emit('recording.imported', batch[i]!);
      } catch (e) {
        this.logger.error({ err: e, recordingId: batch[i]!.recordingId }, 'the queue could not be told about an imported recording');
      }
      if (i % PER_TURN === PER_TURN - 1 && i + 1 < batch.length) await new Promise((r) => setImmediate(r));
    }
  }
}
