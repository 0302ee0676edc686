import { PathId } from '../../preload/contract/schemas/ids.js';
import { AppError } from '../errors.js';

/**
 * A matched route's `{param}` values, decoded strictly: the router has already chosen the route
 * (each param is one path segment), but decodes leniently, and `%ZZ` is not a percent-escape — an
 * invalid_input answer naming the param, not a silently kept "%ZZ" or a URIError (a 500).
 */
export function pathParams(template: string, pathname: string): Record<string, string> {
  const names = template.split('/');
  const given = pathname.split('/');
  const out: Record<string, string> = {};
  names.forEach((segment, i) => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (!name) return;
    const raw = given[i] ?? '';
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      throw new AppError('invalid_input', `The path segment "${raw.slice(0, 100)}" (${name}) has a malformed percent-escape.`,
        'Percent-encode the value with encodeURIComponent (a "%" must be followed by two hex digits).');
    }
  });
  return out;
}

/** A route's numeric path id, by the contract's own PathId schema. */
export function parsePathId(raw: string, name: string): number {
  const r = PathId.safeParse(raw);
  if (r.success) return r.data;
  throw new AppError('invalid_input', `${name} ${r.error.issues[0]?.message ?? 'must be a positive integer like 42'}.`, 'Use the numeric id from GET /api/v1/recordings.');
}
