/**
 * The layers of the app, enforced (`npm run lint` runs this after eslint). docs/ARCHITECTURE.md says
 * what each folder is for; this file is the rule book.
 *
 * An allow-list, in the style of VS Code's code-layering check: each folder says what it may import,
 * and any import no rule allows is an error — so a new folder, or a file outside every folder listed
 * here, gets its rule before its first import lands. Always allowed: imports inside one folder, npm
 * packages and Node's own modules. Type-only imports do not count for layering (they vanish at run
 * time) but do count for cycles (a cycle of types still ties two modules together).
 * @type {import('dependency-cruiser').IConfiguration}
 */
const contract = '^preload/contract/';
/** What everything may use: the contract (schemas shared with the renderer), errors, small utilities. */
const base = ['^main/errors\\.ts$', '^main/util/', contract];
/** The call-centre engine: no knowledge of the app around it (no database, queue or domain). */
const engine = '^main/(text|transcripts|audio|analytics|providers|analysis)/';
const infra = ['^db/', '^main/(config|events|logging|observability|secrets|settings)/'];
const roots = '^main/(core|core-types|host)\\.ts$';

/** `from` may import these (regular expressions on the repository path). */
const layer = (comment, from, ...to) => ({ comment, from: { path: from }, to: { path: to.flat().map((p) => `(${p})`).join('|') } });

module.exports = {
  allowed: [
    { comment: 'npm packages and Node modules', from: {}, to: { dependencyTypesNot: ['local', 'localmodule', 'aliased', 'aliased-tsconfig', 'aliased-tsconfig-paths'] } },
    { comment: 'types only', from: {}, to: { dependencyTypes: ['type-only'] } },
    { comment: 'inside one folder', from: { path: '^(main/domains/[^/]+|main/[^/]+|db|preload/contract|renderer)/' }, to: { path: '^$1/' } },

    layer('the contract is self-contained', contract, contract),
    layer('errors are a leaf', '^main/errors\\.ts$', contract),
    layer('utilities', '^main/util/', base),
    layer('db/ is the bottom layer: schema, migrations, DAOs', '^db/', base),
    layer('the preload bridge only forwards the contract', '^preload/bridge\\.ts$', contract),
    layer('the UI talks to the app only through the typed contract', '^renderer/', contract),

    layer('infrastructure', '^main/(config|events|observability|secrets)/', base),
    layer('settings keep secrets in the secret store', '^main/settings/', base, '^main/secrets/'),
    layer('logs feed the error tracker', '^main/logging/', base, '^main/observability/'),

    layer('engine: text', '^main/text/', base),
    layer('engine: transcripts', '^main/transcripts/', base, '^main/text/'),
    layer('engine: audio', '^main/audio/', base),
    layer('engine: local analytics', '^main/analytics/', base, '^main/(text|transcripts|audio)/'),
    layer('engine: providers (their SDK traffic is measured)', '^main/providers/', base, '^main/(text|transcripts|audio|observability)/'),
    layer('engine: analysis and scoring', '^main/analysis/', base, '^main/(text|transcripts|analytics|providers|observability)/'),

    layer('step computations: the work a worker service can do — engine only, no database, queue or domain', '^main/steps/', base, engine),

    layer('team server: the Redis transport and the worker service', '^main/team/', base, '^main/(jobs|steps|observability)/'),

    layer('the contract registry', '^main/contract/', base),
    layer('backups of a data folder: the database (online backup) and the library', '^main/backup/', base, '^db/'),
    layer('accounts', '^main/auth/', base, '^db/', '^main/config/'),
    layer('the queue runs steps; the domains plug them in (core.ts), so it knows no domain', '^main/jobs/', base, '^db/', '^main/(audio|observability|events|logging)/'),
    layer('exports read through DAOs handed to them and the engine, never a domain', '^main/exports/', base, engine, '^db/', '^main/observability/'),
    layer('domains: the app\'s features', '^main/domains/', base, engine, infra, '^main/(auth|contract|jobs|exports|steps)/', '^main/domains/'),
    layer('worker-thread entries load the engine and the domains\' worker tasks', '^main/workers/', base, engine, '^main/domains/[^/]+/worker-tasks\\.ts$'),
    layer('command-line tools are composition roots', '^main/cli/', base, infra, engine, '^main/(auth|backup|domains|jobs|steps|team)/', '^package\\.json$'),
    layer('the composition root builds everything below the transports', roots, base, engine, infra, '^main/(auth|contract|jobs|exports|domains|steps|team)/', roots, '^package\\.json$'),
    layer('transports reach the app through the registry, core.services and the host interface', '^main/server/', base, '^main/(auth|config|contract|exports|transcripts|audio|observability)/', roots, '^package\\.json$'),
    layer('the desktop shell', '^main/electron/', base, '^main/(config|server)/', roots),
  ],
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'electron-only-in-main-electron',
      comment: 'Only main/electron/ (and the preload bridge) may import electron: the core runs in browser mode and tests.',
      severity: 'error',
      from: { pathNot: '^(main/electron/|preload/bridge\\.ts$|tests/)' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles in the app, type-only ones included: a cycle makes two modules one.',
      severity: 'error',
      from: { path: '^(main|db|preload|renderer)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|main/electron/types)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
