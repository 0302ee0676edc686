import { describe, expect, it } from 'vitest';
import { dbErrorKind, mapDbError } from '../../../db/errors.js';
import { AppError, toErrorInfo } from '../../../main/errors.js';
import { statusForCategory } from '../../../main/server/http-status.js';
import { errorCategories } from '../../../preload/contract/errors.js';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('error mapping', () => {
  it('keeps an AppError as it is', () => {
    const e = new AppError('rate_limit', 'Slow down', 'Wait a minute');
    expect(toErrorInfo(e)).toEqual({ category: 'rate_limit', message: 'Slow down', hint: 'Wait a minute' });
  });

  it('turns anything else into internal without leaking its message or stack', () => {
    const info = toErrorInfo(new TypeError('cannot read x of undefined at /home/me/secret/path.ts:12'));
    expect(info.category).toBe('internal');
    expect(JSON.stringify(info)).not.toMatch(/undefined|secret|path\.ts/);
    expect(info.hint.length).toBeGreaterThan(0);
  });

  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 'constraint', 'invalid_input'],
    ['SQLITE_BUSY', 'busy', 'storage'],
    ['SQLITE_LOCKED', 'busy', 'storage'],
    ['SQLITE_CORRUPT', 'corrupt', 'storage'],
    ['SQLITE_NOTADB', 'corrupt', 'storage'],
    ['SQLITE_FULL', 'full', 'storage'],
    ['SQLITE_IOERR_WRITE', 'io', 'storage'],
    ['SQLITE_READONLY', 'readonly', 'storage'],
    ['SQLITE_CANTOPEN', 'readonly', 'storage'],
    ['SQLITE_MISMATCH', 'other', 'storage'],
  ])('SQLite %s → kind %s, category %s', (code, kind, category) => {
    expect(dbErrorKind(sqliteError(code))).toBe(kind);
    const mapped = mapDbError(sqliteError(code), 'test.op');
    expect(mapped.category).toBe(category);
    expect(mapped.details).toMatchObject({ dbKind: kind, operation: 'test.op', sqliteCode: code });
    expect(mapped.hint.length).toBeGreaterThan(10);
  });

  it('every category has an HTTP status', () => {
    for (const c of errorCategories) expect(statusForCategory[c]).toBeGreaterThanOrEqual(400);
  });
});
