import type { FixtureRegistry } from '../fakes/fixtures-registry.js';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import type { GeneratedCalls } from './fixtures.js';
import { startRedis, type RedisServer } from './redis-server.js';
import type { ServedApp } from './serve-process.js';
import type { WorkerProcess } from './worker-process.js';

/** What a team-server test runs against: the fake providers and its own redis-server. */
export interface TeamRig {
  eleven: FakeElevenLabs;
  openai: FakeOpenAI;
  redis: RedisServer;
  /** The API's environment (users, the Redis queue, the fakes with test keys), `extra` on top. */
  apiEnv(extra?: Record<string, string>): Record<string, string>;
  /** Stop the workers (with `signal`), then the API, Redis and the fakes. */
  close(opts: { workers: WorkerProcess[]; app?: ServedApp; signal?: NodeJS.Signals }): Promise<void>;
}

export async function startTeamRig(known: { fixtures: GeneratedCalls[] } | { registry: FixtureRegistry }): Promise<TeamRig> {
  const eleven = await startFakeElevenLabs(known);
  const openai = await startFakeOpenAI(known);
  const redis = await startRedis();
  return {
    eleven, openai, redis,
    apiEnv: (extra = {}) => ({
      CCA_AUTH: 'users', CCA_QUEUE: 'redis', CCA_REDIS_URL: redis.url, CCA_LOG_LEVEL: 'warn',
      CCA_ELEVENLABS_BASE_URL: eleven.url, CCA_OPENAI_BASE_URL: openai.url, ELEVENLABS_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key',
      ...extra,
    }),
    async close({ workers, app, signal }) {
      for (const w of workers) await w.stop(signal);
      await app?.stop();
      await redis.stop();
      await eleven.close();
      await openai.close();
    },
  };
}

/** The `value` of an API answer. */
export const apiValue = async <T>(res: Response): Promise<T> => ((await res.json()) as { value: T }).value;
