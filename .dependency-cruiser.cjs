/**
 * The layers of the app, enforced (`npm run lint` runs this after eslint). docs/ARCHITECTURE.md says
 * what each folder is for; this file is the rule book. Type-only imports count for cycles (a cycle of
 * types still ties two layers together) but not for layering (they vanish at run time).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'db-not-main',
      comment: 'db/ is the bottom layer: schema, migrations, DAOs. It may use the error types (main/errors.ts, a leaf) and nothing else of main/.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^main/', pathNot: '^main/errors\\.ts$' },
    },
    {
      name: 'jobs-not-domains',
      comment: 'The queue runs steps; the domains plug them in (main/core.ts). main/jobs/ knows no domain.',
      severity: 'error',
      from: { path: '^main/jobs/' },
      to: { path: '^main/domains/' },
    },
    {
      name: 'exports-not-handlers',
      comment: 'Exports read through DAOs and services handed to them, never through another domain\'s handlers.',
      severity: 'error',
      from: { path: '^main/exports/' },
      to: { path: '^main/domains/[^/]+/handlers\\.ts$' },
    },
    {
      name: 'transports-through-the-core',
      comment: 'main/server/ and main/electron/ reach the app through the registry, core.services and the host interface (main/core-types.ts), not by importing domains, the queue or the database.',
      severity: 'error',
      from: { path: '^main/(server|electron)/' },
      to: { path: '^(main/(domains|jobs)/|db/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'electron-only-in-main-electron',
      comment: 'Only main/electron/ (and the preload bridge) may import electron: the core runs in browser mode and tests.',
      severity: 'error',
      from: { pathNot: '^(main/electron/|preload/bridge\\.ts$|tests/)' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'renderer-through-the-contract',
      comment: 'The UI talks to the app only through the typed contract (preload/contract) over the bridge or HTTP.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|db)/' },
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
