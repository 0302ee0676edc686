import { z } from 'zod';

const DECIMAL = /^[1-9][0-9]{0,14}$/;
const message = (input: unknown) => `must be a positive integer like 42 (got ${(JSON.stringify(input) ?? String(input)).slice(0, 40)})`;

/**
 * A numeric id as it arrives in a path (`/recordings/{id}`, always text) or over IPC (a number):
 * exactly a positive integer. Not `z.coerce.number()`, which would take `1e0`, `01`, `0x1` or ` 1`
 * for 1 and make one resource answer at many URLs.
 */
export const PathId = z.union([z.number(), z.string()], { error: (issue) => message(issue.input) }).transform((value, ctx) => {
  const n = typeof value === 'number' ? value : DECIMAL.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n > 0) return n;
  ctx.issues.push({ code: 'custom', message: message(value), input: value });
  return z.NEVER;
});
