import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/config-error.js';
import { checkQueueTransport } from '../../../main/config/network-rules.js';
import { AppError } from '../../../main/errors.js';
import { classify } from '../../../main/jobs/classify.js';
import { attemptKey, errorFromWire, errorToWire } from '../../../main/team/wire.js';
import { redactUrlPassword } from '../../../main/util/redact-url.js';
import { defaultSettings } from '../../helpers/queue-harness.js';

describe('what crosses between the API and a worker', () => {
  it('an AppError keeps its category, words and facts, so the queue retries it the same way', () => {
    const e = new AppError('rate_limit', 'ElevenLabs said slow down (429).', 'The step retries by itself.', { details: { status: 429, retryAfterSec: 7 } });
    const back = errorFromWire(JSON.parse(JSON.stringify(errorToWire(e))) as ReturnType<typeof errorToWire>);
    expect(back).toBeInstanceOf(AppError);
    expect(back).toMatchObject({ category: 'rate_limit', message: e.message, hint: e.hint, details: { status: 429, retryAfterSec: 7 } });
    expect(classify(back, 300)).toMatchObject({ kind: classify(e, 300).kind, retryAfterSec: 7 });
  });

  it('a bug on the worker is an internal error naming it, without its stack', () => {
    const w = errorToWire(new TypeError('x is undefined'));
    expect(w).toEqual({ category: 'internal', message: 'The worker failed: x is undefined', hint: expect.stringContaining('retries') as string });
  });

  it('an attempt is named by its job id and fencing token', () => {
    expect(attemptKey(12, 3)).toBe('12-3');
    expect(attemptKey(12, 4)).not.toBe(attemptKey(12, 3));
  });

  it('a Redis URL never shows its password', () => {
    expect(redactUrlPassword('redis://:s3cret@redis.internal:6379/0')).toBe('redis://:***@redis.internal:6379/0');
    expect(redactUrlPassword('redis://default:s3cret@h:6379')).toBe('redis://default:***@h:6379');
    expect(redactUrlPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('CCA_QUEUE=redis needs the Redis URL and accounts, and says which to set', () => {
    expect(() => checkQueueTransport(defaultSettings())).not.toThrow();
    expect(() => checkQueueTransport(defaultSettings({ queue: 'redis', auth: 'users' }))).toThrow(/CCA_REDIS_URL/);
    let e: unknown = null;
    try {
      checkQueueTransport(defaultSettings({ queue: 'redis', redisUrl: 'redis://h:6379' }));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ConfigError);
    expect(String((e as Error).message)).toMatch(/CCA_AUTH/);
    expect(() => checkQueueTransport(defaultSettings({ queue: 'redis', redisUrl: 'redis://h:6379', auth: 'users' }))).not.toThrow();
  });
});
