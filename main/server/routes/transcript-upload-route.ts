import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError } from '../../errors.js';
import { safeFileName } from '../../util/safe-file-name.js';
import { defineRoute } from '../http-route.js';
import { resultResponse } from '../json-response.js';
import { nodeRequest } from '../node-request.js';
import { TRANSCRIPT_LIMITS } from '../../transcripts/limits.js';

/**
 * POST /api/v1/recordings/{id}/transcript (multipart, field `file`): attach an existing transcript
 * (ElevenLabs/OpenAI JSON, SRT, WebVTT, "Agent:"/"Customer:" text) to a recording already in the
 * library. It replaces the current transcript and re-runs the steps that read it. A malformed file is
 * answered with invalid_input naming the line, and nothing is changed.
 */

const MAX_BYTES = TRANSCRIPT_LIMITS.maxBytes;

export const transcriptUploadRoute = defineRoute({
  method: 'POST',
  role: 'reviewer',
  path: '/api/v1/recordings/{id}/transcript',
  openapi: {
    operationId: 'analytics.uploadTranscript',
    summary: 'Attach a transcript file to a recording (multipart/form-data, field "file"): JSON (ElevenLabs/OpenAI), .srt, .vtt or .txt with "Agent:"/"Customer:" lines.',
    tags: ['analytics'],
    requestBody: {
      required: true,
      content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } },
    },
    responses: {
      200: { description: '{ok:true, value:{recordingId, format, segments, contentHash, rerun}}' },
      400: { $ref: '#/components/responses/Error' },
      401: { $ref: '#/components/responses/Error' },
      404: { $ref: '#/components/responses/Error' },
    },
  },
  async handle(c, { id }, ctx) {
    const file = await readFilePart(nodeRequest(c));
    // The same operation as POST …/transcript/text: its validation, role check and audit.
    const { core, ...callCtx } = ctx;
    return resultResponse(await core.registry.invoke('analytics.attachTranscript', { id, fileName: file.fileName, content: file.content }, callCtx));
  },
});

/** The `file` part as text (other parts are drained and ignored). */
function readFilePart(req: IncomingMessage): Promise<{ fileName: string; content: string }> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new AppError('invalid_input', `Transcript uploads must be multipart/form-data (got "${type || 'no content type'}").`,
      'Send the file in a multipart field named "file", or POST {fileName, content} as JSON to /api/v1/recordings/{id}/transcript/text.'));
  }
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: MAX_BYTES, files: 1, fields: 10 } });
    } catch (e) {
      return reject(new AppError('invalid_input', `The upload is not valid multipart data: ${(e as Error).message}.`, 'Send multipart/form-data with a boundary.'));
    }
    // Held in memory only (nothing on disk to clean up); every stream's error is handled, since one
    // unhandled 'error' event would take the whole server down. First failure wins.
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume();
      reject(new AppError('invalid_input', `The upload was cut off before it finished (${why}); the transcript was not changed.`, 'Check the connection and upload the transcript file again.'));
    };
    let found: Promise<{ fileName: string; content: string }> | null = null;
    bb.on('file', (field, stream, info) => {
      stream.on('error', () => {}); // reported once through busboy's own 'error' below
      if (field !== 'file' || found) return void stream.resume();
      const fileName = safeFileName(info.filename ?? '', 'transcript.txt');
      found = new Promise((ok, bad) => {
        const chunks: Buffer[] = [];
        let truncated = false;
        stream.on('limit', () => (truncated = true));
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', bad);
        stream.on('end', () =>
          truncated
            ? bad(new AppError('invalid_input', `"${fileName}" is larger than ${MAX_BYTES / 1048576} MB: not a transcript.`, 'Attach the transcript export of the call.'))
            : ok({ fileName, content: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      found.catch(() => {}); // awaited in 'close'; a cut-off form rejects through fail() instead
    });
    bb.on('error', (e) => fail((e as Error).message));
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      if (!found) return reject(new AppError('invalid_input', 'The upload has no "file" part.', 'Send the transcript in a multipart field named "file".'));
      found.then(resolve, reject);
    });
    req.on('error', (e) => fail(e.message));
    req.on('close', () => {
      if (!req.complete) fail('the connection closed mid-upload');
    });
    req.pipe(bb);
  });
}
