import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import type { AudioAccess, AudioRef } from '../steps/compute-env.js';
import { audioChanged, audioMissing } from '../steps/local-audio.js';

/**
 * Audio for a worker service, which has no library: the attempt's signed URL from the storage service
 * (valid for this attempt's recording only, for a few minutes), downloaded into a local cache named by
 * the content's SHA-256 and checked against it on the way in — so a recording's steps on one worker
 * download it once, and a file that changed since import is caught as the library's probe would. A
 * link refused (expired) is asked for again once. Failures are `storage` errors: the step retries, and
 * no provider's breaker counts them.
 */
export function remoteAudio(signedUrl: () => Promise<{ url: string } | null>, cacheDir: string, maxBytes = 2 * 1024 ** 3): AudioAccess {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const cached = (ref: AudioRef) => {
    const path = join(cacheDir, ref.sha256);
    return existsSync(path) && statSync(path).size === ref.sizeBytes ? path : null;
  };

  async function download(ref: AudioRef, signal: AbortSignal): Promise<{ path: string; sha256: string }> {
    for (let attempt = 1; ; attempt++) {
      const link = await signedUrl();
      if (!link) throw new AppError('storage', `The server no longer waits for this step of "${ref.fileName}".`, 'Nothing to do: the job is dropped.');
      let res: Response;
      try {
        res = await fetch(link.url, { signal });
      } catch (e) {
        throw new AppError('storage', `Could not download the audio of "${ref.fileName}" from the server.`, 'The step retries by itself when the server is reachable.', { cause: e });
      }
      if (res.status === 403 && attempt === 1) {
        await res.body?.cancel();
        continue; // the link expired on the way: a fresh one
      }
      if (res.status === 404) throw audioMissing(ref, 'on the server');
      // Not `status`: that detail is a provider's HTTP status to the queue (a 4xx would fail the step for good).
      if (!res.ok || !res.body) throw new AppError('storage', `The server refused the audio of "${ref.fileName}" (${res.status}).`, 'The step retries by itself.', { details: { serverStatus: res.status } });
      const part = join(cacheDir, `${ref.sha256}.part-${randomBytes(4).toString('hex')}`);
      const hash = createHash('sha256');
      try {
        await pipeline(Readable.fromWeb(res.body as never), new Transform({ transform(chunk: Buffer, _e, cb) { hash.update(chunk); cb(null, chunk); } }), createWriteStream(part, { mode: 0o600 }), { signal });
      } catch (e) {
        rmSync(part, { force: true });
        if (signal.aborted) throw e;
        throw new AppError('storage', `The download of "${ref.fileName}" broke off.`, 'The step retries by itself.', { cause: e });
      }
      return { path: part, sha256: hash.digest('hex') };
    }
  }

  async function file(ref: AudioRef, signal: AbortSignal): Promise<string> {
    const hit = cached(ref);
    if (hit) return hit;
    const { path, sha256 } = await download(ref, signal);
    if (sha256 !== ref.sha256) {
      rmSync(path, { force: true });
      throw audioChanged(ref, sha256);
    }
    const final = join(cacheDir, ref.sha256);
    renameSync(path, final);
    prune(cacheDir, maxBytes, final);
    return final;
  }

  return {
    file,
    // Downloading checks the content hash whatever `rehash` says: the worker has nothing else to trust.
    async verify(ref, { signal, progress }) {
      progress(0.1);
      await file(ref, signal);
    },
  };
}

/** Keep the cache under `maxBytes`: the least recently written files go first (never `keep`). */
function prune(dir: string, maxBytes: number, keep: string): void {
  const files = readdirSync(dir).filter((f) => !f.includes('.part-')).map((f) => {
    const path = join(dir, f);
    const st = statSync(path, { throwIfNoEntry: false });
    return { path, size: st?.size ?? 0, mtime: st?.mtimeMs ?? 0 };
  }).sort((a, b) => a.mtime - b.mtime);
  let total = files.reduce((n, f) => n + f.size, 0);
  for (const f of files) {
    if (total <= maxBytes) break;
    if (f.path === keep) continue;
    rmSync(f.path, { force: true });
    total -= f.size;
  }
}
