import type { AuditDao } from '../../db/dao/audit-dao.js';
import type { WorkerTokenRow, WorkerTokensDao } from '../../db/dao/worker-tokens-dao.js';
import { AppError } from '../errors.js';
import { hashSecret, newSecret, WORKER_TOKEN_PREFIX } from './secrets.js';

/** A worker token's use is written back at most this often (every step job asks). */
const TOUCH_EVERY_MS = 60_000;

/** The caller of a worker route: which token (named after the worker it was made for). */
export interface WorkerPrincipal {
  tokenId: number;
  name: string;
}

export const WORKER_NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Tokens of the `worker` role (the team server's worker services). They are not accounts: a worker
 * token may fetch step inputs and audio and return step results, and nothing else — every other
 * route refuses it (deny by default). Minted by an admin (Users view, `npm run users -- worker-token`),
 * revoked the same way; a revoked token is refused from its next request.
 */
export class WorkerTokens {
  private readonly touched = new Map<number, number>();

  constructor(
    private readonly dao: WorkerTokensDao,
    private readonly audit: AuditDao,
    private readonly now: () => number = Date.now,
  ) {}

  mint(name: string, actor: string): { token: string; row: WorkerTokenRow } {
    if (!WORKER_NAME_RULE.test(name)) {
      throw new AppError('invalid_input', `"${name.slice(0, 80)}" is not a worker name.`, 'Use 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit (e.g. "gpu-box-1").');
    }
    const { secret, hash } = newSecret(WORKER_TOKEN_PREFIX);
    const row = this.dao.insert({ name, tokenHash: hash, createdAt: this.now(), createdBy: actor });
    this.audit.record({ actor, entity: 'worker_token', entityId: String(row.id), action: 'create', newValue: { name } });
    return { token: secret, row };
  }

  list(): WorkerTokenRow[] {
    return this.dao.list();
  }

  revoke(id: number, actor: string): boolean {
    const done = this.dao.revoke(id, this.now());
    if (done) this.audit.record({ actor, entity: 'worker_token', entityId: String(id), action: 'revoke' });
    return done;
  }

  /** The worker a bearer secret belongs to, or null (not a worker token, unknown or revoked). */
  verify(secret: string): WorkerPrincipal | null {
    if (!secret.startsWith(WORKER_TOKEN_PREFIX) || secret.length > 100) return null;
    const row = this.dao.live(hashSecret(secret));
    if (!row) return null;
    const t = this.now();
    if (t - (this.touched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.touched.set(row.id, t);
      this.dao.touch(row.id, t);
    }
    return { tokenId: row.id, name: row.name };
  }
}
