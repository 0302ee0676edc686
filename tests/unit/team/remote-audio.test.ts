import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { remoteAudio } from '../../../main/team/remote-audio.js';

const audio = Buffer.from('RIFF....WAVEfmt fake audio bytes for the worker cache');
const ref = { recordingId: 7, fileName: 'call.wav', sha256: createHash('sha256').update(audio).digest('hex'), sizeBytes: audio.length };
const audio2 = Buffer.from('RIFF....WAVEfmt another call, another content, same length!');
const ref2 = { recordingId: 8, fileName: 'other.wav', sha256: createHash('sha256').update(audio2).digest('hex'), sizeBytes: audio2.length };
let server: Server;
let base = '';
/** What the storage service answers per link, in order (403 = the link expired). */
let answers: number[] = [];
let served = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    served++;
    const status = answers.shift() ?? 200;
    if (status !== 200) return void res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":false}');
    const body = req.url?.startsWith('/b') ? audio2 : audio;
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const signal = new AbortController().signal;

describe('a worker\'s audio', () => {
  it('downloads through the signed link once, checks the content hash, and serves the cached copy after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cca-remote-audio-'));
    let links = 0;
    const access = remoteAudio(() => Promise.resolve((links++, { url: `${base}/a?sig=x` })), dir);
    served = 0;
    const path = await access.file(ref, signal);
    expect(readFileSync(path)).toEqual(audio);
    expect(await access.file(ref, signal)).toBe(path);
    expect([served, links]).toEqual([1, 1]);
    expect(readdirSync(dir)).toEqual([ref.sha256]);
  });

  it('asks for a fresh link once when one expired on the way; a second refusal is a storage error and nothing is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cca-remote-audio-'));
    let links = 0;
    const access = remoteAudio(() => Promise.resolve((links++, { url: `${base}/a?sig=x` })), dir);
    answers = [403];
    await access.file(ref, signal);
    expect(links).toBe(2);

    const dir2 = mkdtempSync(join(tmpdir(), 'cca-remote-audio-'));
    answers = [403, 403];
    const err = await remoteAudio(() => Promise.resolve({ url: `${base}/a` }), dir2).file(ref, signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    // storage: the step retries, and no provider's breaker counts it; no `status` detail (a 4xx would fail it for good).
    expect((err as AppError).category).toBe('storage');
    expect((err as AppError).details.status).toBeUndefined();
    expect(readdirSync(dir2)).toEqual([]);
  });

  it('refuses audio whose content is not what was imported, and a step the server no longer waits for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cca-remote-audio-'));
    const changed = { ...ref, sha256: 'f'.repeat(64) };
    const err = await remoteAudio(() => Promise.resolve({ url: `${base}/a` }), dir).file(changed, signal).catch((e: unknown) => e);
    expect((err as AppError).category).toBe('invalid_input');
    expect((err as AppError).message).toMatch(/changed after import/);
    expect(readdirSync(dir)).toEqual([]);
    const gone = await remoteAudio(() => Promise.resolve(null), dir).file(ref, signal).catch((e: unknown) => e);
    expect((gone as AppError).message).toMatch(/no longer waits/);
  });

  it('keeps the cache under its size limit: the older recording goes, the one in use stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cca-remote-audio-'));
    await remoteAudio(() => Promise.resolve({ url: `${base}/a` }), dir, audio.length + 10).file(ref, signal);
    await remoteAudio(() => Promise.resolve({ url: `${base}/b` }), dir, audio.length + 10).file(ref2, signal);
    expect(readdirSync(dir)).toEqual([ref2.sha256]);
  });
});
