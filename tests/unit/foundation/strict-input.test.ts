import { describe, expect, it, vi } from 'vitest';
import { createRegistry, type HandlerMap } from '../../../main/contract/registry.js';
import { silentLogger } from '../../../main/logging/logger.js';
import { operations, type OperationName } from '../../../preload/contract/index.js';
import { PathId } from '../../../preload/contract/schemas/ids.js';

// Issue 11, item 11: unknown keys are refused by the registry for every operation, in one place.

const handlers = (spy: () => unknown) =>
  Object.fromEntries(Object.keys(operations).map((name) => [name, spy])) as unknown as HandlerMap;

describe('strict operation input', () => {
  it('names the unknown key and lists the known ones, without running the handler', async () => {
    const spy = vi.fn();
    const r = await createRegistry(handlers(spy), silentLogger()).invoke('analysis.run', { id: 3, rubric: 1 });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ category: 'invalid_input', message: 'Invalid input for analysis.run: unknown field "rubric" (known fields: id, rubricId)' }) });
    expect(spy).not.toHaveBeenCalled();
  });

  it('lists several unknown keys at once', async () => {
    const r = await createRegistry(handlers(vi.fn()), silentLogger()).invoke('queue.pause', { now: true, why: 'x' });
    expect(r.ok ? '' : r.error.message).toBe('Invalid input for queue.pause: unknown field' + 's "now", "why" (known fields: none)');
  });

  it('every operation refuses an unknown key, and still accepts its own example input', async () => {
    const registry = createRegistry(handlers(() => { throw new Error('stop here'); }), silentLogger());
    for (const name of Object.keys(operations) as OperationName[]) {
      const example = operations[name].example.input as Record<string, unknown>;
      if (!example || typeof example !== 'object' || Array.isArray(example)) continue;
      const bad = await registry.invoke(name, { ...example, zzUnknownKey: 1 });
      expect(bad.ok ? '' : bad.error.message, name).toContain('unknown field "zzUnknownKey"');
      const good = await registry.invoke(name, example);
      expect(good.ok ? '' : good.error.category, name).toBe('internal'); // reached the handler
    }
  });
});

describe('PathId', () => {
  it('takes exactly a positive integer, as a number or its plain decimal text', () => {
    expect(PathId.parse(42)).toBe(42);
    expect(PathId.parse('42')).toBe(42);
    for (const bad of ['1e0', '-1', '01', '0', ' 1', '1.5', '0x1', '', 0, -3, 1.5, '99999999999999999']) {
      const r = PathId.safeParse(bad);
      expect(r.success, String(bad)).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/^must be a positive integer like 42 \(got /);
    }
  });
});
