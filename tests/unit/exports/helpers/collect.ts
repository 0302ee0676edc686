import { Writable } from 'node:stream';

/** A Writable that keeps what it receives (for small exports in tests). */
export function collector(): { out: Writable; buffer(): Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { out, buffer: () => Buffer.concat(chunks) };
}
