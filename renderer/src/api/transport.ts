import type { EventName, Result } from '../../../preload/contract/index.js';

/** How the renderer reaches the core: Electron IPC (preload bridge) or HTTP + SSE (browser mode). */
export interface Transport {
  kind: 'electron' | 'browser';
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribe to every core event; returns an unsubscribe function. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
}
