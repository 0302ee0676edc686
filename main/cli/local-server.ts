import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Settings } from '../../preload/contract/schemas/settings.js';

export interface LocalAnswer {
  url: string;
  status: number;
  body: string;
}

/**
 * GET `path` from the server of this data folder, on this machine's loopback address, with the launch
 * token it wrote to its data folder (the one local owner). Over TLS its certificate names the public
 * host, not 127.0.0.1, so it is not verified: this is the same machine asking itself.
 * Throws when no server of this data folder answers (no token file, nothing listening).
 */
export async function askLocalServer(settings: Settings, tokenFile: string, path: string): Promise<LocalAnswer> {
  if (settings.port === 0) throw new Error('CCA_PORT is 0 (any free port): give the server a fixed port to reach it (the image uses 8080)');
  let token: string;
  try {
    token = readFileSync(tokenFile, 'utf8').trim();
  } catch {
    throw new Error(`no launch token at ${tokenFile}: the server is not running on this data folder (yet)`);
  }
  const url = `${settings.tlsCert ? 'https' : 'http'}://127.0.0.1:${settings.port}${path}`;
  const request = settings.tlsCert ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ url, status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', reject);
    req.end();
  });
}
