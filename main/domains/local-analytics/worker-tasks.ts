import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import type { RuleDefinition } from '../../../preload/contract/schemas/rules.js';
import { computeLocalAnalysis, type LocalResults } from './compute.js';
import { parseTranscriptUpload, type ParsedTranscriptFile } from './transcript-parse.js';

/**
 * Worker-pool tasks of the offline analytics (spread into main/workers/jobs-tasks.ts). A 60-minute
 * transcript takes 100-300 ms (PII detection dominates): too long for the Electron main loop, so it
 * runs in the jobs pool like hashing does.
 */
export const localAnalyticsTasks = {
  localAnalysis(args: { transcript: NormalizedTranscript; rules?: RuleDefinition[] }): LocalResults {
    return computeLocalAnalysis(args.transcript, args.rules);
  },
  /** An attached transcript file, parsed off the API's event loop. */
  parseTranscriptUpload(args: { fileName: string; content: string }): ParsedTranscriptFile {
    return parseTranscriptUpload(args.fileName, args.content);
  },
};
