import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { BatchId, type ImportFileResult } from '../../../preload/contract/schemas/recordings.js';
import { tooLargeError } from '../../audio/audio-errors.js';
import { importServiceFor } from '../../domains/recordings/handlers.js';
import type { ImportSource } from '../../domains/recordings/expand-paths.js';
import { isSidecarName } from '../../domains/recordings/expand-paths.js';
import { AppError, toErrorInfo } from '../../errors.js';
import { sendJson } from '../http-app.js';
import { statusForCategory } from '../http-status.js';
import type { RawRoute } from '../raw-route.js';

/**
 * POST /api/v1/recordings (multipart, field `files`, one or many; optional field `sidecar`): browser
 * mode's way in for dropped files. Each part is streamed straight to a temp file inside the library
 * volume (busboy + pipeline with small buffers, so the request is paused while the disk catches up
 * and memory stays flat for a 1 GB upload) and hashed on the way, then the staged files go through the same import as local paths and are
 * moved, not copied, into the library. A part named calls.csv/calls.xlsx is used as the sidecar.
 */

const fileNameOf = (raw: string): string => {
  const name = raw.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.' && p !== '..').pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f]/g, '').slice(-200) || 'upload';
};

export const uploadRoute: RawRoute = {
  method: 'POST',
  path: '/api/v1/recordings',
  openapi: {
    operationId: 'recordings.upload',
    summary: 'Upload recordings (multipart/form-data, field "files", one or many; optional "sidecar" CSV/XLSX). Answers per file.',
    tags: ['recordings'],
    'x-required-role': 'reviewer',
    parameters: [{ name: 'batchId', in: 'query', required: false, schema: { type: 'string' }, description: 'Tags the import.progress events of this upload.' }],
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              files: { type: 'array', items: { type: 'string', format: 'binary' } },
              sidecar: { type: 'string', format: 'binary' },
            },
            required: ['files'],
          },
        },
      },
    },
    responses: {
      200: { description: 'Per-file results: {ok:true, value:{batchId, results:[{fileName, ok, recordingId?, duplicateOf?, error?}], counts, sidecars}}' },
      400: { $ref: '#/components/responses/Error' },
      401: { $ref: '#/components/responses/Error' },
    },
  },
  async handle(req, res, _params, ctx) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const batchIdParam = url.searchParams.get('batchId') ?? undefined;
    const batchId = batchIdParam && BatchId.safeParse(batchIdParam).success ? batchIdParam : undefined;
    const service = importServiceFor(ctx.core);
    const maxBytes = ctx.core.config.settings.maxFileSizeMb * 1024 * 1024;
    try {
      const staged = await stageUpload(req, service.library().tempPath.bind(service.library()), maxBytes);
      if (staged.files.length + staged.failures.length === 0) {
        await Promise.all(staged.sidecars.map((p) => rm(dirname(p), { recursive: true, force: true })));
        throw new AppError('invalid_input', 'The upload contains no files.', 'Send the recordings as multipart/form-data in a field named "files".');
      }
      const batch = await service.importStaged(staged.files, { batchId, failures: staged.failures, sidecarPaths: staged.sidecars });
      await Promise.all(staged.sidecars.map((p) => rm(dirname(p), { recursive: true, force: true })));
      sendJson(res, 200, { ok: true, value: batch });
    } catch (e) {
      const info = toErrorInfo(e);
      if (info.category === 'internal') ctx.core.logger.error({ err: e }, 'upload failed');
      sendJson(res, statusForCategory[info.category], { ok: false, error: info });
    }
  },
};

/** Bytes buffered towards the disk per part: the request is paused beyond that (flat memory). */
const WRITE_HWM = 64 * 1024;

interface Staged {
  files: (ImportSource & { sha256: string })[];
  sidecars: string[];
  failures: ImportFileResult[];
}

function stageUpload(req: IncomingMessage, tempPath: (suffix: string) => Promise<string>, maxBytes: number): Promise<Staged> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new AppError('invalid_input', `Uploads must be multipart/form-data (got "${type || 'no content type'}").`,
      'Send the recordings as multipart/form-data in a field named "files", or use POST /api/v1/recordings/import with local paths.'));
  }
  return new Promise((resolve, reject) => {
    const out: Staged = { files: [], sidecars: [], failures: [] };
    // Keep the order the client sent the parts in, whatever order their writes finish.
    const slots: (() => void)[] = [];
    const writes: Promise<void>[] = [];
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, preservePath: true, limits: { fileSize: maxBytes, files: 100_000, fields: 20 } });
    } catch (e) {
      return reject(new AppError('invalid_input', `The upload is not valid multipart data: ${(e as Error).message}.`, 'Send multipart/form-data with a boundary.'));
    }
    bb.on('file', (field, stream, info) => {
      const fileName = fileNameOf(info.filename ?? '');
      if (field !== 'files' && field !== 'sidecar') {
        stream.resume();
        return;
      }
      const isSidecar = field === 'sidecar' || isSidecarName(fileName);
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      const write = (async () => {
        // <library>/.partial/<uuid>/<original name>: the probe's messages name the file as the reviewer knows it.
        const dir = await tempPath('');
        await mkdir(dir);
        const tmp = join(dir, fileName);
        // Hashed as it streams, so the import does not read a 1 GB upload back just to name it.
        const hash = createHash('sha256');
        let sizeBytes = 0;
        const tap = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            sizeBytes += chunk.length;
            done(null, chunk);
          },
        });
        try {
          await pipeline(stream, tap, createWriteStream(tmp, { highWaterMark: WRITE_HWM }));
        } catch (e) {
          stream.resume();
          await rm(dir, { recursive: true, force: true });
          const err = (e as NodeJS.ErrnoException).code === 'ENOSPC'
            ? new AppError('storage', `The disk is full: "${fileName}" could not be received.`, 'Free some disk space, then retry the failed files.')
            : new AppError('storage', `"${fileName}" could not be saved while uploading (${(e as NodeJS.ErrnoException).code ?? 'disk error'}).`, 'Retry the failed files.');
          return () => void out.failures.push({ fileName, ok: false, error: err.toInfo() });
        }
        if (truncated) {
          await rm(dir, { recursive: true, force: true });
          return () => void out.failures.push({ fileName, ok: false, error: tooLargeError(fileName, maxBytes + 1, maxBytes).toInfo() });
        }
        const sha256 = hash.digest('hex');
        return () => void (isSidecar ? out.sidecars.push(tmp) : out.files.push({ path: tmp, fileName, sha256, sizeBytes }));
      })();
      const index = slots.length;
      slots.push(() => {});
      writes.push(write.then((commit) => void (slots[index] = commit)));
    });
    bb.on('error', (e) => reject(new AppError('invalid_input', `The upload was cut off or malformed: ${(e as Error).message}.`, 'Retry the upload.')));
    bb.on('close', () => {
      Promise.all(writes).then(() => {
        for (const commit of slots) commit();
        resolve(out);
      }, reject);
    });
    req.on('aborted', () => reject(new AppError('network', 'The upload was interrupted.', 'Retry the upload.')));
    req.pipe(bb);
  });
}
