/**
 * `npm run fakes`: both fake providers on fixed ports with the generated fixture calls registered,
 * for running the app by hand against them. Stops on SIGINT/SIGTERM.
 *
 * Env: FAKE_OPENAI_PORT (8787), FAKE_ELEVENLABS_PORT (8788), FAKE_UNKNOWN_AUDIO: 'generic' (default: audio
 * that is not a fixture, e.g. a user's own recording, gets a generic transcript shaped to its duration
 * and channels) or 'reject' (422/400 like an undecodable file, what the app's own tests use), FAKE_FAULTS='{"mix":{"rate_limit":0.2},"seed":7}' for a fault mix.
 */
import { z } from 'zod';
import { generateCalls } from '../helpers/fixtures.js';
import { startFakeElevenLabs } from './elevenlabs.js';
import { INJECTED_FAULTS } from './faults.js';
import { FixtureRegistry } from './fixtures-registry.js';
import { startFakeOpenAI } from './openai.js';

const Env = z.object({
  FAKE_OPENAI_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  FAKE_ELEVENLABS_PORT: z.coerce.number().int().min(1).max(65535).default(8788),
  FAKE_UNKNOWN_AUDIO: z.enum(['reject', 'generic']).default('generic'),
  FAKE_FAULTS: z.string().optional(),
});
const Faults = z
  .object({
    mix: z.partialRecord(z.enum(INJECTED_FAULTS as [string, ...string[]]), z.number().min(0).max(1)).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    latencyMs: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
  })
  .strict();

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  console.error(`fakes: invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const env = parsed.data;
const faults = env.FAKE_FAULTS ? Faults.parse(JSON.parse(env.FAKE_FAULTS)) : undefined;

const registry = new FixtureRegistry();
// Every combination the app's own tests use, so any generated fixture file is recognised.
for (const mono of [false, true]) registry.registerCalls(generateCalls({ formats: ['wav', 'mp3'], mono }));

const openai = await startFakeOpenAI({ port: env.FAKE_OPENAI_PORT, registry, unknownAudio: env.FAKE_UNKNOWN_AUDIO, faults });
const elevenlabs = await startFakeElevenLabs({ port: env.FAKE_ELEVENLABS_PORT, registry, unknownAudio: env.FAKE_UNKNOWN_AUDIO, faults });

console.log(`fake OpenAI     ${openai.url}`);
console.log(`fake ElevenLabs ${elevenlabs.url}`);
console.log(`${registry.size} fixture audio files registered (tests/.cache). Point the app at the fakes with:\n`);
console.log(`export CCA_OPENAI_BASE_URL=${openai.url}`);
console.log(`export CCA_ELEVENLABS_BASE_URL=${elevenlabs.url}`);
console.log('export OPENAI_API_KEY=test-key');
console.log('export ELEVENLABS_API_KEY=test-key\n');
console.log('Ctrl-C to stop.');

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await Promise.all([openai.close(), elevenlabs.close()]);
  const count = (calls: Record<string, number>): string => JSON.stringify(calls);
  console.log(`\nstopped. OpenAI calls ${count(openai.calls)}, ElevenLabs calls ${count(elevenlabs.calls)}`);
  const violations = [...openai.violations, ...elevenlabs.violations];
  if (violations.length) console.log(`${violations.length} spec violations:\n${violations.map((v) => `  ${v.endpoint} ${v.where}: ${v.errors.join('; ')}`).join('\n')}`);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
