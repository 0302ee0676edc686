import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { isCommonPassword } from './common-passwords.js';

/**
 * Password hashing with argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), and the
 * password rules (checkPasswordRules).
 * The native module loads on first use: start-up never pays for it, and token mode never loads it.
 */
export const MIN_PASSWORD_LENGTH = 12;
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(hash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

/**
 * Verified against when the username is unknown or disabled, so that answer takes as long as a wrong
 * password (no account enumeration by timing). Made once.
 */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(18).toString('base64url')));

/**
 * The strength estimator (zxcvbn-ts with its common and English dictionaries: names, words, keyboard
 * walks, repeats, sequences, dates, l33t). Its dictionaries are several MB: loaded on the first
 * password set, never at start-up, and kept out of the bundle (scripts/build.mjs).
 */
let estimator: Promise<(password: string, userInputs: string[]) => { score: number; warning: string | null }> | null = null;
function strength() {
  return (estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    const zxcvbn = new ZxcvbnFactory({ translations: en.translations, graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...en.dictionary } });
    return (password: string, userInputs: string[]) => {
      const r = zxcvbn.check(password, userInputs);
      return { score: r.score, warning: r.feedback.warning };
    };
  })());
}

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

/**
 * The password rules, one implementation for the API, the Users view and `npm run users`: at least
 * 12 characters, not one of the 10,000 most common, not the username, and hard to guess as zxcvbn
 * measures it (refuses `aaaaaaaaaaaa`, `123456789012`, `passwordpassword`, twelve spaces).
 */
export async function checkPasswordRules(password: string, username: string): Promise<void> {
  const hint = `Use at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a strong password that is easy to remember.`;
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('invalid_input', `The password is too short (${password.length} characters; at least ${MIN_PASSWORD_LENGTH}).`, hint);
  if (password.length > 256) throw new AppError('invalid_input', 'The password is longer than 256 characters.', hint);
  if (isCommonPassword(password)) throw new AppError('invalid_input', 'That password is one of the 10,000 most common passwords.', `Choose one nobody else is likely to use. ${hint}`);
  if (password.toLowerCase() === username.toLowerCase()) throw new AppError('invalid_input', 'The password must not be the username.', hint);
  const { score, warning } = (await strength())(password, [username]);
  if (score < MIN_PASSWORD_SCORE) {
    throw new AppError('invalid_input', `The password is too easy to guess${warning ? `: ${warning.replace(/\.$/, '')}` : ''}.`, hint, { details: { reason: 'weak_password', score } });
  }
}

/** A random password for a new account or a reset: 20 characters, printed once. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
