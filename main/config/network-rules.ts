import { isIP } from 'node:net';
import type { Settings } from '../../preload/contract/schemas/settings.js';
import { ConfigError } from './config-error.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Browser mode may listen beyond this computer only as a team server: with accounts (CCA_AUTH=users),
 * encrypted (its own TLS, or a TLS-terminating proxy in front), and with the public URL people open
 * (the Host-header guard accepts it, so DNS rebinding stays blocked). Anything less stops start-up
 * naming the setting to set (exit 78).
 */
export function checkServerBinding(s: Settings): void {
  if (!!s.tlsCert !== !!s.tlsKey) {
    throw new ConfigError(s.tlsCert ? 'CCA_TLS_KEY (tlsKey)' : 'CCA_TLS_CERT (tlsCert)', '""', 'is needed with the other TLS file', 'set both CCA_TLS_CERT and CCA_TLS_KEY (PEM files), or neither');
  }
  if (isLoopback(s.host)) return;
  if (s.host !== '0.0.0.0' && s.host !== '::' && !isIP(s.host) && !/^[a-z0-9.-]+$/i.test(s.host)) {
    throw new ConfigError('CCA_HOST (host)', JSON.stringify(s.host), 'is not an address or host name', 'set CCA_HOST to an address such as 0.0.0.0, or unset it to stay on 127.0.0.1');
  }
  if (s.auth !== 'users') {
    throw new ConfigError('CCA_AUTH (auth)', JSON.stringify(s.auth), `must be "users" to listen on ${s.host} (beyond this computer everyone needs an account)`, 'set CCA_AUTH=users and add the first admin with `npm run users -- add <name> --role admin`, or unset CCA_HOST to stay on 127.0.0.1');
  }
  if (!s.tlsCert && !s.trustProxy) {
    throw new ConfigError('CCA_TLS_CERT (tlsCert)', '""', `is needed to listen on ${s.host}: passwords and sessions must not cross the network in clear`, 'set CCA_TLS_CERT and CCA_TLS_KEY to PEM files, or CCA_TRUST_PROXY=true when a TLS-terminating proxy is in front');
  }
  if (!s.publicUrl) {
    throw new ConfigError('CCA_PUBLIC_URL (publicUrl)', '""', `is needed to listen on ${s.host}: requests are accepted only when addressed to it`, 'set CCA_PUBLIC_URL to the URL people open, e.g. https://qa.example.com');
  }
}

/**
 * The team server's queue (CCA_QUEUE=redis): workers need the Redis URL, and they sign in with worker
 * tokens, which only exist with accounts (CCA_AUTH=users).
 */
export function checkQueueTransport(s: Settings): void {
  if (s.queue !== 'redis') return;
  if (!s.redisUrl) {
    throw new ConfigError('CCA_REDIS_URL (redisUrl)', '""', 'is needed with CCA_QUEUE=redis: the API and the workers meet on it', 'set CCA_REDIS_URL=redis://host:6379, or unset CCA_QUEUE to run the steps in this process');
  }
  if (s.auth !== 'users') {
    throw new ConfigError('CCA_AUTH (auth)', JSON.stringify(s.auth), 'must be "users" with CCA_QUEUE=redis (workers sign in with worker tokens, which belong to the accounts system)', 'set CCA_AUTH=users and add an admin with `npm run users -- add <name> --role admin`, then mint a worker token with `npm run users -- worker-token --name <worker>`');
  }
}
