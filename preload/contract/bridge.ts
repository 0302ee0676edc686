import type { EventName, OperationName, Result } from './index.js';

/**
 * What the Electron preload exposes to the renderer as `window.cca` (preload/bridge.ts), and nothing
 * more. Pure types: the renderer imports this file, so it must never import electron.
 *
 * `invoke` takes `unknown` input on purpose: main validates every input with the contract's zod
 * schema whatever the renderer claims, and the renderer's api client (renderer/src/api/client.ts)
 * adds the per-operation typing on top, the same for both transports.
 */
export interface BridgeApi {
  readonly platform: 'electron';
  /** Run one contract operation in main. Never rejects: failures come back as `{ok:false,error}`. */
  invoke(name: OperationName, input: unknown): Promise<Result<unknown>>;
  /** Receive every core event (payloads already validated by main). Returns an unsubscribe function. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** The path on disk of a file dropped on or picked in the window ('' when not backed by a file). */
  getPathForFile(file: File): string;
}

/** The members of BridgeApi, for tests that assert the bridge exposes exactly these and no more. */
export const bridgeApiKeys = ['getPathForFile', 'invoke', 'onEvent', 'platform'] as const satisfies readonly (keyof BridgeApi)[];

/** IPC channel names shared by preload/bridge.ts and main/electron/ipc.ts. */
export const bridgeChannels = { invoke: 'cca:invoke', event: 'cca:event' } as const;

/** The message main sends on `bridgeChannels.event`. */
export interface BridgeEventMessage {
  name: EventName;
  payload: unknown;
}
