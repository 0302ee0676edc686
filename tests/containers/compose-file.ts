import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/serve-process.js';

/** compose.yaml as compose reads it (merge keys resolved), and helpers for what the tests look at. */
export interface ComposeService {
  image: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number };
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
}

export const readCompose = (): ComposeFile => parse(readFileSync(join(repoRoot, 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;

/** The value of `--<flag>` in a service's command. */
export const commandFlag = (s: ComposeService, flag: string): string | undefined => {
  const i = s.command?.indexOf(`--${flag}`) ?? -1;
  return i >= 0 ? s.command![i + 1] : undefined;
};

/**
 * A project folder as a team would have it: compose.yaml, deploy/, docs/, the secrets init-secrets.sh
 * makes, and (unless `env` is null) .env from deploy/compose.env.example plus `env`.
 */
export function projectCopy(publicHost: string, env: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'cca-compose-'));
  for (const p of ['compose.yaml', 'Containerfile', 'deploy', 'docs/observability']) cpSync(join(repoRoot, p), join(dir, p), { recursive: true });
  execFileSync('sh', [join(dir, 'deploy/init-secrets.sh'), publicHost], { cwd: dir, stdio: 'pipe' });
  if (env !== null) cpSync(join(dir, 'deploy/compose.env.example'), join(dir, '.env'));
  if (env) execFileSync('sh', ['-c', `cat >> .env <<'EOF'\n${env}\nEOF`], { cwd: dir });
  return dir;
}

/** Every CCA_* name the app's own sources read (settings, the worker, the CLIs). */
export function appEnvNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/\bCCA_[A-Z0-9_]*[A-Z0-9]\b/g)) names.add(m[0]);
    }
  };
  walk(join(repoRoot, 'main'));
  walk(join(repoRoot, 'preload'));
  return names;
}
