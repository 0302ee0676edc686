import type { Logger } from 'pino';
import { events, type EventName, type EventPayload, type Events } from '../../preload/contract/index.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Typed events from the core to whoever listens (the Electron window via IPC, browser tabs via SSE,
 * tests). Payloads are validated against the contract so a renderer never receives a malformed event.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  constructor(private readonly logger: Logger) {}

  emit<K extends EventName>(name: K, payload: EventPayload<Events[K]>): void {
    const checked = events[name].payload.safeParse(payload);
    if (!checked.success) {
      this.logger.error({ event: name, issues: checked.error.issues.slice(0, 3) }, 'dropped an event that violates the contract');
      return;
    }
    for (const l of this.listeners) {
      try {
        l(name, checked.data);
      } catch (e) {
        this.logger.warn({ err: e, event: name }, 'event listener failed');
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
