import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '../../../main/server/routes.js';
import { operations } from '../../../preload/contract/index.js';

describe('HTTP routing from the contract', () => {
  const routes = compileRoutes();

  it('routes every operation to itself, path params decoded', () => {
    for (const [name, def] of Object.entries(operations)) {
      const path = def.path.replace(/\{(\w+)\}/g, '42');
      const m = matchRoute(routes, def.method, path);
      expect(m && 'route' in m ? m.route.name : m, `${def.method} ${def.path}`).toBe(name);
    }
  });

  it('prefers a literal path over a template that also matches', () => {
    const literal = Object.entries(operations).find(([, d]) => !d.path.includes('{') && Object.values(operations).some((o) => o.method === d.method && o.path.includes('{') && new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(d.path)));
    if (!literal) return; // no overlapping pair in the contract today
    const m = matchRoute(routes, literal[1].method, literal[1].path);
    expect(m && 'route' in m ? m.route.name : null).toBe(literal[0]);
  });

  it('says 405 for a known path with the wrong method, null for an unknown path', () => {
    expect(matchRoute(routes, 'DELETE', '/api/v1/health')).toEqual({ methodNotAllowed: true });
    expect(matchRoute(routes, 'GET', '/api/v1/nope')).toBeNull();
  });
});
