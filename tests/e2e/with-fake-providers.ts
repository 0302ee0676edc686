import { type FakeElevenLabs, type FakeOpenAI, FixtureRegistry, startFakeElevenLabs, startFakeOpenAI } from '../fakes/index.js';
import type { GeneratedCalls } from '../helpers/fixtures.js';
import { test as base } from './fixtures.js';

export interface Fakes {
  openai: FakeOpenAI;
  eleven: FakeElevenLabs;
}

/**
 * The E2E `test` with fake OpenAI and ElevenLabs servers that know these calls' audio, and the served
 * app pointed at them (base URLs + keys in its env), so the whole paid path runs without a network.
 */
export function withFakeProviders(calls: GeneratedCalls) {
  return base.extend<{ fakes: Fakes }>({
    // Playwright reads a fixture's dependencies from its first parameter's pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    fakes: async ({}, use) => {
      const registry = new FixtureRegistry();
      registry.registerCalls(calls);
      const openai = await startFakeOpenAI({ registry });
      const eleven = await startFakeElevenLabs({ registry });
      await use({ openai, eleven });
      await openai.close();
      await eleven.close();
    },
    serverEnv: async ({ fakes }, use) => {
      await use({ CCA_OPENAI_BASE_URL: fakes.openai.url, CCA_ELEVENLABS_BASE_URL: fakes.eleven.url, OPENAI_API_KEY: 'test-key', ELEVENLABS_API_KEY: 'test-key' });
    },
  });
}
