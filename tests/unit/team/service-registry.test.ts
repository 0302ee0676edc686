import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { ServiceRegistry, type WorkerAnnouncement } from '../../../main/team/service-registry.js';
import { TEAM_PROTOCOL } from '../../../main/team/wire.js';

const announce = (id: string, steps: string[], concurrency: number, version = '0.1.3'): WorkerAnnouncement =>
  ({ id, host: 'box', pid: 1, version, protocol: TEAM_PROTOCOL, steps, concurrency, inFlight: 0, startedAt: 1_000 });

describe('the registry of worker services', () => {
  it('counts the slots of the live workers per step, and a silent worker is gone after three heartbeats', () => {
    let now = 10_000;
    const r = new ServiceRegistry('0.1.0', () => now, 5_000);
    r.heartbeat(announce('a', ['transcribe', 'analyze'], 4), 'gpu-1');
    r.heartbeat(announce('b', ['transcribe'], 2), 'gpu-2');
    expect(r.slots(['transcribe'])).toBe(6);
    expect(r.slots(['analyze'])).toBe(4);
    expect(r.slots(['index'])).toBe(0);
    now += 15_000;
    r.heartbeat(announce('b', ['transcribe'], 2), 'gpu-2');
    expect(r.list().map((w) => [w.id, w.state])).toEqual([['a', 'live'], ['b', 'live']]);
    now += 1;
    expect(r.list().find((w) => w.id === 'a')?.state).toBe('gone');
    expect(r.slots(['transcribe'])).toBe(2);
    // A clean stop is gone at once; a gone worker is forgotten after ten minutes.
    r.leave('b');
    expect(r.slots(['transcribe'])).toBe(0);
    now += 10 * 60_000 + 30_000;
    expect(r.list()).toEqual([]);
  });

  it('refuses a worker of another version or protocol, saying which to run', () => {
    const r = new ServiceRegistry('0.1.0');
    expect(() => r.heartbeat(announce('ok', ['probe'], 1, '0.1.9'), 'w')).not.toThrow();
    const e = (() => {
      try {
        r.heartbeat(announce('old', ['probe'], 1, '0.2.0'), 'w');
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(/version 0\.2\.0.*cannot work for this server \(version 0\.1\.0/);
    expect((e as AppError).hint).toMatch(/0\.1\.x/);
    expect(() => r.heartbeat({ ...announce('p', ['probe'], 1, '0.1.0'), protocol: TEAM_PROTOCOL + 1 }, 'w')).toThrow(/protocol/);
    expect(r.list().map((w) => w.id)).toEqual(['ok']);
  });
});
