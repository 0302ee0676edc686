// `npm run users -- <command>`: accounts of a team server (CCA_AUTH=users), run on the server's host
// against its data folder (CCA_DATA_DIR, as `npm run serve` uses). The same rules as the Users view
// (main/domains/users/user-admin.ts). A password is read from stdin when one is piped in, otherwise
// generated and printed once; a personal token is printed once, as the last line.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDaos, noJobMoves } from '../../db/daos.js';
import { openDatabase } from '../../db/open.js';
import { roles, type Role } from '../../preload/contract/define.js';
import { AuthService, authTimes } from '../auth/auth-service.js';
import { WorkerTokens } from '../auth/worker-tokens.js';
import { applyFileEnv } from '../config/file-env.js';
import { loadConfig } from '../config/load-config.js';
import { runCli, UsageError } from './run-cli.js';
import { UserAdmin } from '../domains/users/user-admin.js';
import { makeDataDirPrivate } from '../config/private-data-dir.js';

const USAGE = `Usage: npm run users -- <command>
  add <username> --role <${roles.join('|')}> [--agent <agent name>] [--name <display name>]
  list
  set-role <username> <role> [--agent <agent name>]
  disable <username>
  enable <username>
  reset-password <username>
  token <username> --name <token name> [--days <n>]
  worker-token --name <worker name>      a token for a worker service (npm run worker), printed last
  worker-tokens                          the live worker tokens
  revoke-worker-token <id>
Passwords: piped on stdin (echo "…" | npm run users -- add …), or generated and printed once.`;

const ACTOR = 'cli';

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return text.length ? text : undefined;
}

function role(value: string | undefined): Role {
  if (!value || !(roles as readonly string[]).includes(value)) throw new UsageError(`--role must be one of ${roles.join(', ')}${value ? ` (got "${value}")` : ''}.`);
  return value as Role;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { role: { type: 'string' }, agent: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, username, extra] = positionals;
  if (values.help || !command) throw new UsageError('');
  applyFileEnv();
  const config = loadConfig();
  // The database holds password hashes: the folder is private before it is made, and after.
  makeDataDirPrivate(config.paths.dataDir);
  const db = await openDatabase({ file: config.paths.dbFile, busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
  try {
    // This CLI moves no job; it only needs the accounts' DAOs.
    const daos = createDaos(db, noJobMoves);
    const audit = daos.audit;
    const s = config.settings;
    const auth = new AuthService(daos, audit, () => authTimes(s), pino({ level: 'silent' }));
    const admin = new UserAdmin(auth, audit);
    const workerTokens = new WorkerTokens(daos.workerTokens, audit);
    const need = () => {
      if (!username) throw new UsageError(`"${command}" needs a username.`);
      return admin.find(username);
    };
    switch (command) {
      case 'add': {
        if (!username) throw new UsageError('"add" needs a username.');
        const password = await readStdin();
        const made = await admin.create({ username, role: role(values.role), agentName: values.agent ?? null, displayName: values.name, password }, ACTOR);
        process.stdout.write(`Added ${made.user.username} (${made.user.role}${made.user.agentName ? `, agent ${made.user.agentName}` : ''}).\n`);
        if (s.auth !== 'users') process.stdout.write('Note: sign-in is used when the server runs with CCA_AUTH=users.\n');
        if (made.password) process.stdout.write(`Password (shown once, write it down):\n${made.password}\n`);
        return;
      }
      case 'list':
        for (const u of admin.list()) {
          const last = u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : 'never';
          process.stdout.write(`${u.username}\t${u.role}\t${u.agentName ?? '-'}\t${u.disabled ? 'disabled' : 'active'}\tlast sign-in ${last}\n`);
        }
        return;
      case 'set-role': {
        const u = need();
        const updated = admin.update(u.id, { role: role(extra ?? values.role), ...(values.agent !== undefined ? { agentName: values.agent } : {}) }, ACTOR);
        process.stdout.write(`${updated.username} is now ${updated.role}; their sessions have ended.\n`);
        return;
      }
      case 'disable':
      case 'enable': {
        const u = need();
        admin.update(u.id, { disabled: command === 'disable' }, ACTOR);
        process.stdout.write(`${u.username} ${command === 'disable' ? 'disabled; their sessions have ended' : 'enabled'}.\n`);
        return;
      }
      case 'reset-password': {
        const u = need();
        const generated = await admin.setPassword(u.id, await readStdin(), ACTOR);
        process.stdout.write(`Password of ${u.username} changed; their sessions have ended.\n`);
        if (generated) process.stdout.write(`New password (shown once):\n${generated}\n`);
        return;
      }
      case 'token': {
        const u = need();
        if (!values.name) throw new UsageError('"token" needs --name <token name>.');
        const days = values.days === undefined ? null : Number(values.days);
        if (days !== null && !(Number.isInteger(days) && days > 0)) throw new UsageError('--days must be a whole number of days.');
        const { token } = auth.createToken(u.id, values.name, days, ACTOR);
        process.stdout.write(`Token "${values.name}" for ${u.username} (shown once; send it as "Authorization: Bearer <token>"):\n${token}\n`);
        return;
      }
      case 'worker-token': {
        if (!values.name) throw new UsageError('"worker-token" needs --name <worker name>.');
        const { token, row } = workerTokens.mint(values.name, ACTOR);
        if (s.queue !== 'redis') process.stdout.write('Note: workers are used when the server runs with CCA_QUEUE=redis.\n');
        process.stdout.write(`Worker token #${row.id} "${row.name}" (shown once; start the worker with CCA_WORKER_TOKEN=<token>):\n${token}\n`);
        return;
      }
      case 'worker-tokens':
        for (const t of workerTokens.list()) {
          const used = t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : 'never';
          process.stdout.write(`${t.id}\t${t.name}\tcreated ${new Date(t.createdAt).toISOString()} by ${t.createdBy}\tlast used ${used}\n`);
        }
        return;
      case 'revoke-worker-token': {
        const id = Number(username);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('"revoke-worker-token" needs the token\'s id (see worker-tokens).');
        if (!workerTokens.revoke(id, ACTOR)) throw new UsageError(`There is no live worker token #${id}.`);
        process.stdout.write(`Worker token #${id} revoked: the worker using it is refused from its next request.\n`);
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    db.close();
  }
}

await runCli(USAGE, run);
