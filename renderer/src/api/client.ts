import type { ContractApi, EventName, EventPayload, Events, OperationName } from '../../../preload/contract/index.js';
import type { BridgeApi } from '../../../preload/contract/bridge.js';
import { createHttpTransport, takeTokenFromUrl } from './http-transport.js';
import type { Transport } from './transport.js';

declare global {
  interface Window {
    cca?: BridgeApi;
  }
}

function pickTransport(): Transport | null {
  const bridge = window.cca;
  if (bridge) {
    return { kind: 'electron', invoke: (n, i) => bridge.invoke(n as OperationName, i), onEvent: (l) => bridge.onEvent(l) };
  }
  const token = takeTokenFromUrl();
  return createHttpTransport(token, () => signedOutListeners.forEach((l) => l()));
}

const signedOutListeners = new Set<() => void>();
/** Told when the server says nobody is signed in (a session expired or was revoked). */
export const onSignedOut = (l: () => void) => {
  signedOutListeners.add(l);
  return () => signedOutListeners.delete(l);
};

export const transport = pickTransport();

/**
 * The one API client of the renderer, typed from the contract: `api['system.health']({})`.
 * Every call resolves to a Result; nothing throws.
 */
export const api = new Proxy({} as ContractApi, {
  get: (_t, name: string) => (input: unknown) =>
    transport
      ? transport.invoke(name, input ?? {})
      : Promise.resolve({ ok: false, error: { category: 'auth', message: 'No API token.', hint: 'Open the URL printed when the app started (it contains #token=…).' } }),
});

type Listener<K extends EventName> = (payload: EventPayload<Events[K]>) => void;
const listeners = new Map<EventName, Set<Listener<EventName>>>();
let unsubscribeAll: (() => void) | null = null;

/** Subscribe to one event; one underlying stream serves every subscriber. */
export function onEvent<K extends EventName>(name: K, listener: Listener<K>): () => void {
  if (!transport) return () => {};
  if (!unsubscribeAll) {
    unsubscribeAll = transport.onEvent((n, payload) => {
      for (const l of listeners.get(n) ?? []) l(payload as never);
    });
  }
  const set = listeners.get(name) ?? new Set();
  set.add(listener);
  listeners.set(name, set);
  return () => set.delete(listener);
}
