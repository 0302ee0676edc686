import { request } from 'node:http';
import type { ServedApp } from './serve-process.js';

/** Raw HTTP against the served app (fetch cannot send cut-off bodies or hostile header bytes). */
export interface Answer { status: number; body: any; closed?: string }

export function raw(app: ServedApp, method: string, path: string, headers: Record<string, string>, body: Buffer | Buffer[], opts: { end?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: app.port, method, path, headers: { Authorization: `Bearer ${app.token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: the assertion shows the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, body: null, closed: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, body: null, closed: e.message }));
    // No answer in 20 s is a finding (the server left the request hanging), not a reason to stall the suite.
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    for (const b of Array.isArray(body) ? body : [body]) req.write(b);
    // A cut-off upload: the client stops mid-part and half-closes; the server must answer or close.
    if (opts.end !== false) req.end();
    else req.socket?.end();
  });
}
