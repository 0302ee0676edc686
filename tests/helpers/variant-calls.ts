import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureRegistry } from '../fakes/index.js';
import type { GeneratedCalls } from './fixtures.js';

/**
 * `n` distinct recordings made from the generated calls (each with one sample changed, so each has its
 * own SHA-256 and imports as a new recording), registered with a fake-provider registry under the
 * call they came from (the fakes answer with that call's truth).
 */
export function variantCalls(calls: GeneratedCalls, n: number): { files: string[]; registry: FixtureRegistry } {
  const registry = new FixtureRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'cca-variant-calls-'));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = calls.ids[i % calls.ids.length]!;
    const bytes = Buffer.from(readFileSync(calls.file(id, 'wav')));
    bytes.writeInt16LE((i % 2000) - 1000, bytes.length - 2 - 2 * Math.floor(i / calls.ids.length));
    const file = join(dir, `call-${String(i).padStart(4, '0')}.wav`);
    writeFileSync(file, bytes);
    registry.registerAudio(bytes, { id, format: 'wav', truth: calls.truth(id) });
    files.push(file);
  }
  return { files, registry };
}
