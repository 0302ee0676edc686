import { copyFileSync, appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classify } from '../../main/jobs/classify.js';
import { AppError } from '../../main/errors.js';
import { type FakeElevenLabs, type FakeOpenAI, FixtureRegistry, startFakeElevenLabs, startFakeOpenAI } from '../fakes/index.js';
import { type GeneratedCalls, generateCalls } from '../helpers/fixtures.js';
import { type ProviderHarness, startProviderHarness } from './providers-harness.js';

// What each provider failure becomes: the category, status and Retry-After the queue acts on.
let calls: GeneratedCalls;
let openai: FakeOpenAI;
let eleven: FakeElevenLabs;
let h: ProviderHarness;
let rec: number;
let unknownRec: number;

beforeAll(async () => {
  calls = generateCalls({ formats: ['wav', 'mp3'] });
  const registry = new FixtureRegistry();
  registry.registerCalls(calls);
  openai = await startFakeOpenAI({ registry });
  eleven = await startFakeElevenLabs({ registry });
  h = await startProviderHarness({ CCA_OPENAI_BASE_URL: openai.url, CCA_ELEVENLABS_BASE_URL: eleven.url });
  const id = calls.ids[0]!;
  rec = h.addRecording(calls.file(id, 'wav'), calls.truth(id));
  // Same audio plus one byte: the fakes do not know it and reject it like undecodable media.
  const odd = join(mkdtempSync(join(tmpdir(), 'cca-odd-')), 'odd.wav');
  copyFileSync(calls.file(id, 'wav'), odd);
  appendFileSync(odd, Buffer.from([0]));
  unknownRec = h.addRecording(odd, calls.truth(id));
});
afterAll(async () => {
  h?.close();
  await openai?.close();
  await eleven?.close();
});
beforeEach(async () => {
  await openai.setFaults({ sequence: [], invalidKey: false });
  await eleven.setFaults({ sequence: [], invalidKey: false });
  h.settings.requestTimeoutSec = 30;
});

async function failure(recordingId = rec): Promise<AppError> {
  const e = await h.transcribe(recordingId).then(
    (r) => new Error(`expected a failure, got ${r.kind}`),
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw e;
  return e;
}

describe.each(['elevenlabs', 'openai'] as const)('%s failures', (provider) => {
  const fake = () => (provider === 'openai' ? openai : eleven);
  beforeEach(() => {
    h.settings.transcriptionProvider = provider;
  });

  it('401: the provider is marked "needs a valid key", the job waits, and the bad key is not re-sent', async () => {
    await fake().setFaults({ invalidKey: true });
    const first = await h.transcribe(rec);
    expect(first).toMatchObject({ kind: 'needs_key' });
    if (first.kind === 'needs_key') expect(first.hint).toMatch(/Settings → API keys/);
    const facts = h.services.status.facts().find((f) => f.id === provider);
    expect(facts).toMatchObject({ configured: true, needsKey: true, lastError: 'needs a valid key' });
    const before = fake().requests.length;
    expect((await h.transcribe(rec)).kind).toBe('needs_key');
    expect(fake().requests.length).toBe(before);
    // A new key is tried on the next attempt.
    await fake().setFaults({ invalidKey: false });
    const name = provider === 'openai' ? 'OPENAI_API_KEY' : 'ELEVENLABS_API_KEY';
    h.secrets[name] = 'test-key ';
    expect(h.services.status.keyRejected(provider)).toBe(false);
    h.secrets[name] = 'test-key';
    // Saving the same key again (re-enabled at the provider) also clears the mark.
    expect(h.services.status.keyRejected(provider)).toBe(true);
    h.services.status.keysChanged();
    expect((await h.transcribe(rec)).kind).toBe('done');
  });

  it('rejected audio: that call fails for good with the provider\'s message', async () => {
    const e = await failure(unknownRec);
    expect(e.category).toBe('unsupported_media');
    expect(e.message).toMatch(provider === 'openai' ? /OpenAI rejected the request \(400\)/ : /ElevenLabs rejected the request \(422\)/);
    expect(classify(e, 30).kind).toBe('permanent');
  });

  it('429 → rate_limit with Retry-After; 5xx → provider; both transient', async () => {
    await fake().setFaults({ sequence: ['rate_limit', 'unavailable'], retryAfterSeconds: 7 });
    const limited = await failure();
    expect(limited).toMatchObject({ category: 'rate_limit', details: { status: 429, retryAfterSec: 7 } });
    expect(classify(limited, 30)).toMatchObject({ kind: 'transient', retryAfterSec: 7, tripsBreaker: false });
    const down = await failure();
    expect(down).toMatchObject({ category: 'provider', details: { status: 503 } });
    expect(classify(down, 30)).toMatchObject({ kind: 'transient', tripsBreaker: true });
  });

  it('timeouts and resets → network', async () => {
    h.settings.requestTimeoutSec = 1;
    await fake().setFaults({ sequence: ['timeout', 'reset'] });
    expect(await failure()).toMatchObject({ category: 'network', details: { timeout: true } });
    expect((await failure()).category).toBe('network');
  });

  it('a malformed body is retried once; a second one fails with category provider', async () => {
    await fake().setFaults({ sequence: ['malformed'] });
    const before = fake().requests.length;
    const ok = await h.transcribe(rec);
    expect(ok.kind).toBe('done');
    expect(fake().requests.length - before).toBe(2);
    await fake().setFaults({ sequence: ['schema_violation', 'malformed'] });
    const e = await failure();
    expect(e).toMatchObject({ category: 'provider', details: { reason: 'malformed_response' } });
    expect(classify(e, 30).kind).toBe('permanent');
  });
});
