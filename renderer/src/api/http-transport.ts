import { fetchEventSource } from '@microsoft/fetch-event-source';
import { operations, type EventName, type OperationName, type Result } from '../../../preload/contract/index.js';
import type { Transport } from './transport.js';

const TOKEN_KEY = 'cca.token';

/**
 * The API token arrives in the URL fragment (#token=…), which browsers never send to servers. Keep it
 * for this tab's session (so a reload works) and remove it from the address bar.
 */
export function takeTokenFromUrl(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const networkError = (message: string): Result<never> => ({
  ok: false,
  error: { category: 'network', message, hint: 'Check that the app is still running (the terminal where you started it), then reload.' },
});

/** Fill `{param}` from the input; the rest goes in the query (GET/DELETE) or the JSON body. */
function buildRequest(name: OperationName, input: Record<string, unknown>): { url: string; init: RequestInit } {
  const def = operations[name];
  const rest = { ...input };
  const path = def.path.replace(/\{(\w+)\}/g, (_m, p: string) => {
    const v = rest[p];
    delete rest[p];
    return encodeURIComponent(String(v));
  });
  if (def.method === 'GET' || def.method === 'DELETE') {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
    }
    const qs = q.toString();
    return { url: qs ? `${path}?${qs}` : path, init: { method: def.method } };
  }
  return { url: path, init: { method: def.method, body: JSON.stringify(rest), headers: { 'Content-Type': 'application/json' } } };
}

/**
 * With the launch token (token mode, or the owner on the server's host) every request carries it;
 * without one the browser's session cookie (CCA_AUTH=users) does: same-origin requests send it by
 * themselves, and the server checks they come from its own origin.
 */
export function createHttpTransport(token: string | null, onSignedOut: () => void = () => {}): Transport {
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return {
    kind: 'browser',
    async invoke(name, input) {
      if (!(name in operations)) return { ok: false, error: { category: 'not_found', message: `Unknown operation ${name}`, hint: '' } };
      const { url, init } = buildRequest(name as OperationName, (input ?? {}) as Record<string, unknown>);
      let res: Response;
      try {
        res = await fetch(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
      } catch {
        return networkError('Lost connection to the app.');
      }
      try {
        const result = (await res.json()) as Result<unknown>;
        if (res.status === 401 && !token && name !== 'auth.login') onSignedOut();
        return result;
      } catch {
        return networkError(`The app answered ${res.status} without a readable body.`);
      }
    },
    onEvent(listener) {
      const ctrl = new AbortController();
      // fetch-based SSE (EventSource cannot send the Authorization header); reconnects on its own.
      void fetchEventSource('/api/v1/events', {
        headers: auth,
        signal: ctrl.signal,
        openWhenHidden: true,
        onmessage: (msg) => {
          if (!msg.event) return;
          try {
            listener(msg.event as EventName, JSON.parse(msg.data));
          } catch {
            /* a malformed event is dropped; the next one will refresh state */
          }
        },
        onerror: () => 2000, // retry after 2 s, forever: the app may be restarting
      });
      return () => ctrl.abort();
    },
  };
}
