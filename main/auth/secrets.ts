import { createHash, randomBytes } from 'node:crypto';

/**
 * Random credentials (session ids, API tokens): 256 bits, base64url, with a prefix saying what they
 * are (`cca_pat_` personal token) so a leaked one is recognisable by secret scanners. Only the
 * SHA-256 is stored: a copy of the database does not sign anyone in.
 */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function newSecret(prefix = ''): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export const PERSONAL_TOKEN_PREFIX = 'cca_pat_';
export const WORKER_TOKEN_PREFIX = 'cca_wkr_';
