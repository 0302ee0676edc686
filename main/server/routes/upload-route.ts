import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { BatchId, isSidecarName, type ImportFileResult } from '../../../preload/contract/schemas/recordings.js';
import { tooLargeError } from '../../audio/audio-errors.js';
import type { ImportSource } from '../../domains/recordings/expand-paths.js';
import { AppError } from '../../errors.js';
import { safeFileName } from '../../util/safe-file-name.js';
import { z } from 'zod';
import { defineRoute } from '../http-route.js';
import { jsonResponse } from '../json-response.js';
import { nodeRequest } from '../node-request.js';

/**
 * POST /api/v1/recordings (multipart, field `files`, one or many; optional field `sidecar`): browser
 * mode's way in for dropped files. Each part is streamed straight to a temp file inside the library
 * volume (busboy + pipeline with small buffers, so the request is paused while the disk catches up
 * and memory stays flat for a 1 GB upload) and hashed on the way, then the staged files go through the same import as local paths and are
 * moved, not copied, into the library. A part named calls.csv/calls.xlsx is used as the sidecar.
 */

const UploadQuery = z.object({
  // A malformed tag is dropped, not refused: it only labels progress events, never worth failing an upload.
  batchId: BatchId.optional().catch(undefined).meta({ description: 'Tags the import.progress events of this upload.', example: 'batch-1' }),
});

export const uploadRoute = defineRoute({
  method: 'POST',
  role: 'reviewer',
  blind: 'safe',
  path: '/api/v1/recordings',
  query: UploadQuery,
  openapi: {
    operationId: 'recordings.upload',
    summary: 'Upload recordings (multipart/form-data, field "files", one or many; optional "sidecar" CSV/XLSX). Answers per file.',
    tags: ['recordings'],
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
  async handle(c, { query }, ctx) {
    const req = nodeRequest(c);
    const service = ctx.core.services.imports;
    const maxBytes = ctx.core.config.settings.maxFileSizeMb * 1024 * 1024;
    const staged = await stageUpload(req, service.library().tempPath.bind(service.library()), maxBytes);
    try {
      if (staged.files.length + staged.failures.length === 0) {
        throw new AppError('invalid_input', 'The upload contains no files.', 'Send the recordings as multipart/form-data in a field named "files".');
      }
      const batch = await service.importStaged(staged.files, { batchId: query.batchId, failures: staged.failures, sidecarPaths: staged.sidecars });
      return jsonResponse(200, { ok: true, value: batch });
    } finally {
      await Promise.all(staged.sidecars.map((p) => rm(dirname(p), { recursive: true, force: true })));
    }
  },
});

/** Bytes buffered towards the disk per part: the request is paused beyond that (flat memory). */
const WRITE_HWM = 64 * 1024;

/** Parts one upload may carry: enough for a day's recordings dropped at once, bounded against a 10,000-part flood. */
export const UPLOAD_MAX_FILES = 1000;
export const UPLOAD_MAX_FIELDS = 10;

interface Staged {
  files: (ImportSource & { sha256: string })[];
  sidecars: string[];
  failures: ImportFileResult[];
}

const cutOff = (why: string, complete: number) =>
  new AppError(
    'invalid_input',
    `The upload was cut off before it finished (${why}); a cut-off request imports nothing, so ${complete === 1 ? 'the 1 file' : `the ${complete} files`} that had arrived complete ${complete === 1 ? 'was' : 'were'} discarded too.`,
    'Check the connection and upload the files again; files already in the library are recognised as duplicates.',
  );

// busboy refuses part headers holding NUL or other control bytes (a hostile or broken client).
const malformed = (why: string, complete: number) =>
  new AppError(
    'invalid_input',
    `A part of the upload has a malformed header (${why}: a file name with control characters?); nothing from this request was imported${complete ? `, and the ${complete} complete file${complete === 1 ? '' : 's'} before it ${complete === 1 ? 'was' : 'were'} discarded` : ''}.`,
    'Rename the file without control characters and upload again.',
  );

const tooManyParts = (what: string, limit: number) =>
  new AppError('invalid_input', `The upload has more than ${limit.toLocaleString('en-US')} ${what}: too large for one request; nothing was imported.`,
    `Upload at most ${limit.toLocaleString('en-US')} ${what} per request (split the batch), or import a folder with POST /api/v1/recordings/import.`);

/**
 * Streams every part to <library>/.partial. All-or-nothing on the transport: if the request is cut
 * off (busboy "Unexpected end of form", a dropped socket, a part limit), every staged folder of this
 * request is removed, complete files included, and the request fails once with invalid_input. Every
 * stream here (request, busboy, each FileStream, each write stream) has its error handled: an
 * unhandled 'error' event would take the whole server down.
 */
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
    const dirs: string[] = [];
    const streams: Readable[] = [];
    let complete = 0;
    let aborted: AppError | null = null;
    let bb: busboy.Busboy;
    try {
      // Browsers send file names as raw UTF-8 (busboy's default reads them as latin1).
      bb = busboy({ headers: req.headers, preservePath: true, defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: UPLOAD_MAX_FILES, fields: UPLOAD_MAX_FIELDS } });
    } catch (e) {
      return reject(new AppError('invalid_input', `The upload is not valid multipart data: ${(e as Error).message}.`, 'Send multipart/form-data with a boundary.'));
    }
    /** First failure wins: stop reading, let the writes settle, remove everything staged, answer once. */
    const abort = (make: AppError | ((complete: number) => AppError)) => {
      if (aborted) return;
      aborted = typeof make === 'function' ? make(0) : make;
      req.unpipe(bb);
      req.resume(); // drain whatever still arrives so the socket can answer
      // Parts still open would never end once busboy stops being fed: end their pipelines now.
      for (const s of streams) s.destroy(new Error('upload aborted'));
      void Promise.allSettled(writes)
        .then(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))
        // Counted once the writes settle, so the message says how many complete files were discarded.
        .finally(() => reject(typeof make === 'function' ? make(complete) : make));
    };
    bb.on('file', (field, stream, info) => {
      // Attached at once: busboy errors a FileStream on a cut-off form before any pipeline listens.
      stream.on('error', () => {});
      if (aborted || (field !== 'files' && field !== 'sidecar')) {
        stream.resume();
        return;
      }
      // A new part starts only after the previous one's boundary: that one arrived complete (as the
      // client sent it, whether or not the disk has caught up), the newest may be the one cut off.
      if (streams.length) complete++;
      streams.push(stream);
      const fileName = safeFileName(info.filename ?? '', 'upload');
      const isSidecar = field === 'sidecar' || isSidecarName(fileName);
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      const write = (async () => {
        // <library>/.partial/<uuid>/<original name>: the probe's messages name the file as the reviewer knows it.
        const dir = await tempPath('');
        dirs.push(dir);
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
          if (aborted) return () => {};
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
        return () => {
          if (isSidecar) out.sidecars.push(tmp);
          else out.files.push({ path: tmp, fileName, sha256, sizeBytes });
        };
      })();
      const index = slots.length;
      slots.push(() => {});
      // A failed mkdir/tempPath is a storage failure of the whole request, never an unhandled rejection.
      writes.push(write.then((commit) => void (slots[index] = commit), (e: unknown) => abort(e instanceof AppError ? e : new AppError('storage', `The upload could not be staged on disk (${(e as NodeJS.ErrnoException).code ?? 'disk error'}).`, 'Check the library folder is writable and has free space, then retry.'))));
    });
    bb.on('filesLimit', () => abort(tooManyParts('files', UPLOAD_MAX_FILES)));
    bb.on('fieldsLimit', () => abort(tooManyParts('non-file fields', UPLOAD_MAX_FIELDS)));
    bb.on('error', (e) => abort((n) => (/malformed/i.test((e as Error).message) ? malformed((e as Error).message, n) : cutOff((e as Error).message, n))));
    bb.on('close', () => {
      void Promise.all(writes).then(() => {
        if (aborted) return;
        for (const commit of slots) commit();
        resolve(out);
      });
    });
    req.on('error', (e) => abort((n) => cutOff(e.message, n)));
    // A client that goes away mid-body: busboy never sees the end, so this is the only signal.
    req.on('close', () => {
      if (!req.complete) abort((n) => cutOff('the connection closed mid-upload', n));
    });
    req.pipe(bb);
  });
}
