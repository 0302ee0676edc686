import { operations, type HttpMethod, type OperationName } from '../../preload/contract/index.js';
import { PathId } from '../../preload/contract/schemas/ids.js';
import { AppError } from '../errors.js';

export interface CompiledRoute {
  name: OperationName;
  method: HttpMethod;
  pattern: RegExp;
  params: string[];
}

/**
 * An OpenAPI path template → an anchored regex (literal characters escaped, so the `.` of
 * `/report.pdf` only matches a dot) with one capture group per `{param}`, in order.
 */
export function pathPattern(template: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, param: string) => {
    params.push(param);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), params };
}

/**
 * `/api/v1/recordings/{id}` → a regex with named captures; built once at start-up. Routes with fewer
 * parameters come first, so a literal path (`/calls/facets`) wins over a template (`/calls/{id}`)
 * whatever order the domains register in.
 */
export function compileRoutes(): CompiledRoute[] {
  const compiled = (Object.keys(operations) as OperationName[]).map((name) => {
    const def = operations[name];
    return { name, method: def.method, ...pathPattern(def.path) };
  });
  return compiled.sort((a, b) => a.params.length - b.params.length);
}

export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  pathname: string,
): { route: CompiledRoute; params: Record<string, string> } | { methodNotAllowed: true } | null {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.params.forEach((p, i) => (params[p] = decodePathParam(p, m[i + 1]!)));
    return { route, params };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}

/** `%ZZ` is not a percent-escape: an invalid_input answer, not a URIError (which would be a 500). */
export function decodePathParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('invalid_input', `The path segment "${raw.slice(0, 100)}" (${name}) has a malformed percent-escape.`,
      'Percent-encode the value with encodeURIComponent (a "%" must be followed by two hex digits).');
  }
}

/** A raw route's numeric path id, by the contract's own PathId schema. */
export function parsePathId(raw: string, name: string): number {
  const r = PathId.safeParse(raw);
  if (r.success) return r.data;
  throw new AppError('invalid_input', `${name} ${r.error.issues[0]?.message ?? 'must be a positive integer like 42'}.`, 'Use the numeric id from GET /api/v1/recordings.');
}
