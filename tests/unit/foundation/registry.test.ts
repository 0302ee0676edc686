import { describe, expect, it, vi } from 'vitest';
import { createRegistry, type HandlerMap } from '../../../main/contract/registry.js';
import { AppError } from '../../../main/errors.js';
import { silentLogger } from '../../../main/logging/logger.js';
import { operations } from '../../../preload/contract/index.js';

/** Handlers for every operation: each returns the operation's own example output unless overridden. */
function handlers(overrides: Partial<Record<keyof HandlerMap, (...a: unknown[]) => unknown>> = {}): HandlerMap {
  const map = Object.fromEntries(
    Object.entries(operations).map(([name, def]) => [name, overrides[name as keyof HandlerMap] ?? (() => def.example.output)]),
  );
  return map as unknown as HandlerMap;
}

describe('contract registry', () => {
  it('runs a handler with validated input and returns {ok:true,value}', async () => {
    const spy = vi.fn(() => operations['system.health'].example.output);
    const r = await createRegistry(handlers({ 'system.health': spy }), silentLogger()).invoke('system.health', {});
    expect(r).toEqual({ ok: true, value: operations['system.health'].example.output });
    expect(spy).toHaveBeenCalledOnce();
  });

  it('rejects bad input with a typed error naming the field, without calling the handler', async () => {
    const spy = vi.fn();
    const r = await createRegistry(handlers({ 'settings.update': spy }), silentLogger()).invoke('settings.update', { maxAttempts: 'many' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.category).toBe('invalid_input');
    expect(r.error.message).toMatch(/settings\.update: maxAttempts: /);
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses unknown fields (a typo must not be silently ignored)', async () => {
    const r = await createRegistry(handlers(), silentLogger()).invoke('settings.update', { maxAtempts: 3 });
    expect(r).toMatchObject({ ok: false, error: { category: 'invalid_input' } });
  });

  it('answers an unknown operation with not_found', async () => {
    const r = await createRegistry(handlers(), silentLogger()).invoke('system.selfDestruct', {});
    expect(r).toMatchObject({ ok: false, error: { category: 'not_found', message: 'Unknown operation "system.selfDestruct".' } });
  });

  it('turns a handler exception into internal without a stack', async () => {
    const boom = () => {
      throw new Error('db password is hunter2');
    };
    const r = await createRegistry(handlers({ 'settings.get': boom }), silentLogger()).invoke('settings.get', {});
    expect(r).toMatchObject({ ok: false, error: { category: 'internal' } });
    expect(JSON.stringify(r)).not.toMatch(/hunter2|at |\.ts/);
  });

  it('passes an AppError through with its category and hint', async () => {
    const fail = async () => {
      throw new AppError('auth', 'Key rejected', 'Set a valid key in Settings');
    };
    const r = await createRegistry(handlers({ 'settings.get': fail }), silentLogger()).invoke('settings.get', {});
    expect(r).toEqual({ ok: false, error: { category: 'auth', message: 'Key rejected', hint: 'Set a valid key in Settings' } });
  });

  it('refuses output that violates the contract', async () => {
    const r = await createRegistry(handlers({ 'system.health': () => ({ status: 'fine' }) }), silentLogger()).invoke('system.health', {});
    expect(r).toMatchObject({ ok: false, error: { category: 'internal', message: 'The app produced an invalid response.' } });
  });

  it('enforces the role an operation needs', async () => {
    const r = await createRegistry(handlers(), silentLogger()).invoke('settings.update', { logLevel: 'info' }, { role: 'reviewer' });
    expect(r).toMatchObject({ ok: false, error: { category: 'forbidden' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/needs the admin role/);
    const nobody = await createRegistry(handlers(), silentLogger()).invoke('system.health', {}, { role: 'anonymous' });
    expect(nobody).toMatchObject({ ok: false, error: { category: 'auth', message: 'Sign in first.' } });
  });

  it("limits an agent to their own calls: another agent's recording answers like a missing one, filters are forced", async () => {
    const seen: unknown[] = [];
    const registry = createRegistry(
      handlers({ 'recordings.get': (i: unknown) => { seen.push(i); throw new Error('not reached for B'); }, 'calls.list': (i: unknown) => { seen.push(i); return { items: [], total: 0, capped: false }; } }),
      silentLogger(), { agentOwns: (agent, id) => agent === 'Dana Ruiz' && id === 1 },
    );
    const dana = { role: 'agent' as const, agentName: 'Dana Ruiz', userId: 3, actor: 'dana' };
    const other = await registry.invoke('recordings.get', { id: 2 }, dana);
    expect(other).toEqual({ ok: false, error: { category: 'not_found', message: expect.stringMatching(/#2/), hint: expect.any(String) } });
    expect(seen).toEqual([]);
    await registry.invoke('calls.list', { agent: 'Someone Else', limit: 10 }, dana);
    expect(seen).toEqual([expect.objectContaining({ agent: 'Dana Ruiz' })]);
    const unlinked = await registry.invoke('calls.list', {}, { ...dana, agentName: null });
    expect(unlinked).toMatchObject({ ok: false, error: { category: 'forbidden' } });
  });

  it('every operation example validates against its own schemas', () => {
    for (const [name, def] of Object.entries(operations)) {
      expect(def.input.safeParse(def.example.input).success, `${name} example input`).toBe(true);
      expect(def.output.safeParse(def.example.output).success, `${name} example output`).toBe(true);
    }
  });
});
