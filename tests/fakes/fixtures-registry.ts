import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallTruth, GeneratedCalls } from '../helpers/fixtures.js';

/**
 * Maps uploaded audio to the truth file it was synthesised from, by sha256 of the bytes: the fakes
 * "transcribe" by looking the upload up here. One registry can be shared by both fakes.
 */
export interface KnownAudio {
  sha256: string;
  id: string;
  /** File extension the audio was registered under (wav, mp3...). */
  format: string;
  truth: CallTruth;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export class FixtureRegistry {
  private readonly byHash = new Map<string, KnownAudio>();

  /** Registers every `<id>.<fmt>` next to an `<id>.truth.json` in `dir`; returns how many files. */
  registerFixtureDir(dir: string): number {
    let count = 0;
    const names = readdirSync(dir);
    for (const name of names) {
      if (!name.endsWith('.truth.json')) continue;
      const id = name.slice(0, -'.truth.json'.length);
      const truth = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CallTruth;
      for (const audio of names) {
        if (!audio.startsWith(`${id}.`) || audio.endsWith('.json')) continue;
        const format = audio.slice(id.length + 1);
        if (format.includes('.')) continue; // another id that shares this prefix
        this.registerAudio(readFileSync(join(dir, audio)), { id, format, truth });
        count++;
      }
    }
    return count;
  }

  registerCalls(calls: GeneratedCalls): number {
    return existsSync(calls.dir) ? this.registerFixtureDir(calls.dir) : 0;
  }

  /** Registers arbitrary bytes (e.g. a test's own recording) under a truth. */
  registerAudio(data: Buffer, entry: Omit<KnownAudio, 'sha256'>): KnownAudio {
    const known = { ...entry, sha256: sha256(data) };
    this.byHash.set(known.sha256, known);
    return known;
  }

  lookup(data: Buffer): KnownAudio | undefined {
    return this.byHash.get(sha256(data));
  }

  get size(): number {
    return this.byHash.size;
  }
}
