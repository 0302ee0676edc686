import { readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { Logger } from 'pino';
import type { SourcesListener } from '../../../db/dao/call-projection-dao.js';
import type { Daos } from '../../../db/daos.js';
import type { ImportFileResult } from '../../../preload/contract/schemas/recordings.js';
import { toErrorInfo } from '../../errors.js';
import { checkTranscriptSize } from '../../transcripts/limits.js';
import { storeImportedTranscript } from './transcript-attach.js';
import { parseTranscriptUpload, type ParsedTranscriptFile } from './transcript-parse.js';

/**
 * Transcripts dropped beside their recordings: "call-17.wav" + "call-17.srt" (or .vtt, .txt, or an
 * ElevenLabs/OpenAI .json) in one drop. The import service calls this hook with the batch's files
 * before probing: transcript files that have a recording of the same base name are taken out of the
 * batch and parsed up front, and stored as that recording's transcript right after its row is
 * written (before `recording.imported` starts the pipeline, so transcribe finds it done). A
 * malformed transcript is reported as its own failed row; the recording still imports.
 */

/** What the import service needs (structural, so the recordings domain does not import this one). */
export interface CompanionFile {
  path: string;
  fileName: string;
  staged?: boolean;
}
export interface Companions<F extends CompanionFile> {
  files: F[];
  failures: ImportFileResult[];
  /** Store the paired transcript (if any) once the recording row exists. Never throws. */
  afterInsert: (recordingId: number, file: F) => void;
}

const TRANSCRIPT_EXT = new Set(['.json', '.srt', '.vtt', '.txt']);

const stem = (fileName: string) => basename(fileName, extname(fileName)).toLowerCase();
/** Same folder + same base name. Uploads have no folder (each part is staged alone): name only. */
const keyOf = (f: CompanionFile) => `${f.staged ? '' : dirname(f.path)}\0${stem(f.fileName)}`;
const isTranscriptName = (name: string) => TRANSCRIPT_EXT.has(extname(name).toLowerCase());

export function transcriptCompanions(daos: Pick<Daos, 'recordings' | 'transcripts'>, calls: SourcesListener, logger: Logger) {
  return async function pair<F extends CompanionFile>(files: F[]): Promise<Companions<F>> {
    const audioKeys = new Set(files.filter((f) => !isTranscriptName(f.fileName)).map(keyOf));
    const transcripts = files.filter((f) => isTranscriptName(f.fileName) && audioKeys.has(keyOf(f)));
    if (transcripts.length === 0) return { files, failures: [], afterInsert: () => {} };

    const parsed = new Map<string, ParsedTranscriptFile>();
    const failures: ImportFileResult[] = [];
    for (const t of transcripts) {
      try {
        checkTranscriptSize(t.fileName, (await stat(t.path)).size);
        parsed.set(keyOf(t), parseTranscriptUpload(t.fileName, await readFile(t.path, 'utf8')));
      } catch (e) {
        failures.push({ fileName: t.fileName, ...(t.staged ? {} : { sourcePath: t.path }), ok: false, error: toErrorInfo(e) });
      } finally {
        // An uploaded transcript is never moved into the library: drop its staging folder now.
        if (t.staged && basename(dirname(dirname(t.path))) === '.partial') await rm(dirname(t.path), { recursive: true, force: true });
      }
    }
    const taken = new Set(transcripts);
    return {
      files: files.filter((f) => !taken.has(f)),
      failures,
      afterInsert(recordingId, file) {
        const p = parsed.get(keyOf(file));
        if (!p) return;
        try {
          storeImportedTranscript(daos, calls, recordingId, p);
          logger.info({ recordingId, transcript: p.fileName, format: p.format, segments: p.transcript.segments.length }, 'transcript imported with its recording');
        } catch (e) {
          // The recording is in; the reviewer can attach the transcript again from the call's page.
          logger.error({ err: e, recordingId, transcript: p.fileName }, 'could not store the transcript dropped with the recording');
        }
      },
    };
  };
}
