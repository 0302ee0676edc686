import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { secretNames, settingDefs } from '../../preload/contract/schemas/settings.js';
import { computationNames } from '../../main/steps/computations.js';
import { repoRoot } from '../helpers/serve-process.js';
import { appEnvNames, commandFlag, projectCopy, readCompose, type ComposeService } from './compose-file.js';

/**
 * Issue 33: compose.yaml — redis, the api on its data volume, 2 transcription + 2 analysis workers and
 * 1 audio worker, a monitoring profile (Prometheus scraping the api and the workers, Grafana with the
 * dashboard provisioned, Jaeger receiving OTLP). It is read by a real compose implementation
 * (podman-compose) and checked for what compose cannot know: only our image or pinned well-known public
 * ones, only settings the app reads, every secret made by deploy/init-secrets.sh, every file it mounts
 * in the repository, Prometheus aimed at the names and ports the services use, every step taken.
 */
const run = promisify(execFile);
const compose = readCompose();
const services = compose.services;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const APP_IMAGE = '${CCA_IMAGE:-cca-server:latest}';
const PUBLIC_IMAGES = /^docker\.io\/(library\/redis|prom\/prometheus|grafana\/grafana|jaegertracing\/all-in-one):v?\d+(\.\d+)*(-[a-z]+)?$/;
const workers = Object.entries(services).filter(([, s]) => s.command?.[0] === 'worker');
const isApp = (s: ComposeService) => s.image === APP_IMAGE;

describe('compose.yaml', () => {
  it('has redis, the api on a volume, 2+2+1 workers, and the monitoring services only in their profile', () => {
    expect(Object.keys(services).sort()).toEqual(['analysis-worker', 'api', 'audio-worker', 'grafana', 'jaeger', 'prometheus', 'redis', 'transcribe-worker']);
    expect(services.api!.command).toEqual(['serve']);
    expect(services.api!.volumes).toEqual(['cca-data:/data']);
    expect(Object.fromEntries(workers.map(([n, s]) => [n, [commandFlag(s, 'steps'), s.deploy?.replicas]]))).toEqual({
      'transcribe-worker': ['transcribe', 2], 'analysis-worker': ['analyze', 2], 'audio-worker': ['probe,metrics,local_analysis,index', 1],
    });
    // Together the workers take every step there is, each once.
    expect(workers.flatMap(([, s]) => commandFlag(s, 'steps')!.split(',')).sort()).toEqual([...computationNames].sort());
    for (const [, s] of workers) expect(s.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    for (const [name, s] of Object.entries(services)) {
      expect([name, s.profiles]).toEqual([name, ['prometheus', 'grafana', 'jaeger'].includes(name) ? ['monitoring'] : undefined]);
    }
  });

  it('names only the image the Containerfile builds, or pinned well-known public ones', () => {
    for (const [name, s] of Object.entries(services)) {
      if (isApp(s)) expect([name, s.build]).toEqual([name, { context: '.', dockerfile: 'Containerfile' }]);
      else expect([name, s.image]).toEqual([name, expect.stringMatching(PUBLIC_IMAGES)]);
    }
    expect(Object.values(services).filter(isApp)).toHaveLength(4);
  });

  it('sets only settings the app reads, and secrets only as files', () => {
    const known = appEnvNames();
    for (const d of Object.values(settingDefs)) expect(known).toContain(d.env);
    const allowed = (k: string) => known.has(k) || known.has(k.replace(/_FILE$/, '')) || (secretNames as readonly string[]).includes(k.replace(/_FILE$/, ''))
      || ['NODE_EXTRA_CA_CERTS', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME'].includes(k);
    for (const [name, s] of Object.entries(services).filter(([, s]) => isApp(s))) {
      for (const k of Object.keys(s.environment ?? {})) expect([name, k, allowed(k)]).toEqual([name, k, true]);
      // Keys and tokens never as plain values: only as files under /run/secrets.
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (/KEY|TOKEN|PASSWORD/.test(k)) expect([k, v]).toEqual([k, expect.stringMatching(/^\/run\/secrets\//)]);
      }
    }
    expect(services.api!.environment).toMatchObject({ CCA_AUTH: 'users', CCA_QUEUE: 'redis', CCA_HOST: '0.0.0.0', CCA_TLS_CERT: '/run/secrets/tls_cert', CCA_TLS_KEY: '/run/secrets/tls_key' });
  });

  it('every secret a service uses is declared and made by deploy/init-secrets.sh; every mounted file is in the repository', () => {
    const dir = projectCopy('qa.example.com', '');
    dirs.push(dir);
    for (const [name, s] of Object.entries(services)) {
      for (const secret of s.secrets ?? []) {
        expect([name, secret, compose.secrets[secret]?.file]).toEqual([name, secret, expect.stringMatching(/^\.\/secrets\//)]);
        expect(existsSync(join(dir, compose.secrets[secret]!.file))).toBe(true);
      }
      for (const v of s.volumes ?? []) {
        const [from] = v.split(':');
        if (from!.startsWith('./')) expect([name, from, existsSync(join(repoRoot, from!))]).toEqual([name, from, true]);
        else expect(Object.keys(compose.volumes)).toContain(from);
      }
    }
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    // A second run keeps what is there (a certificate in use must not change under the server).
    const cert = readFileSync(join(dir, 'secrets/tls_cert.pem'), 'utf8');
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(execFileSync('sh', ['deploy/init-secrets.sh', 'qa.example.com'], { cwd: dir, encoding: 'utf8' })).toBe('secrets/ complete: nothing to make\n');
    expect(readFileSync(join(dir, 'secrets/tls_cert.pem'), 'utf8')).toBe(cert);
    // It names the public host and "api" (how workers and Prometheus reach the api on the compose network).
    expect(execFileSync('openssl', ['x509', '-in', join(dir, 'secrets/tls_cert.pem'), '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' }))
      .toContain('DNS:qa.example.com, DNS:api, DNS:localhost, IP Address:127.0.0.1');
  });

  it('Prometheus scrapes the api by the name it accepts, and every worker replica on its metrics port; Grafana loads the dashboard', () => {
    const prom = parse(readFileSync(join(repoRoot, 'deploy/monitoring/prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; scheme?: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; port: number }[]; authorization?: { credentials_file: string } }[];
    };
    const api = prom.scrape_configs.find((j) => j.job_name === 'cca-api')!;
    expect(api.scheme).toBe('https');
    expect(api.static_configs![0]!.targets).toEqual([services.api!.environment!.CCA_INTERNAL_HOSTS]);
    expect(services.api!.ports).toEqual(['${CCA_HTTPS_PORT:-8443}:8080']);
    expect(api.authorization!.credentials_file).toBe('/run/secrets/prometheus_token');
    expect(services.prometheus!.secrets).toContain('prometheus_token');
    const sd = prom.scrape_configs.find((j) => j.job_name === 'cca-workers')!.dns_sd_configs![0]!;
    expect(sd.names.sort()).toEqual(workers.map(([n]) => n).sort());
    for (const [, s] of workers) {
      expect(s.environment).toMatchObject({ CCA_WORKER_METRICS_PORT: String(sd.port), CCA_WORKER_METRICS_HOST: '0.0.0.0', CCA_API_URL: '${CCA_API_URL:-https://api:8080}' });
    }
    const provider = parse(readFileSync(join(repoRoot, 'deploy/monitoring/grafana/provisioning/dashboards/cca.yml'), 'utf8')) as { providers: { options: { path: string } }[] };
    expect(services.grafana!.volumes).toContain(`./docs/observability/grafana-dashboard.json:${provider.providers[0]!.options.path}/cca.json:ro`);
    expect(services.jaeger!.environment).toEqual({ COLLECTOR_OTLP_ENABLED: 'true' });
  });

  it('a compose implementation reads it: podman-compose plans every container; without CCA_PUBLIC_URL it stops saying what to set', async () => {
    const dir = projectCopy('qa.example.com', 'CCA_HTTPS_PORT=9443');
    dirs.push(dir);
    const plan = await run('podman-compose', ['--dry-run', '-f', 'compose.yaml', 'up', '-d'], { cwd: dir, timeout: 60_000 }).catch((e: { message: string; stderr?: string }) => {
      throw new Error(`podman-compose failed (CI installs it: apt-get install podman-compose): ${e.message}\n${e.stderr ?? ''}`);
    });
    const containers = [...plan.stdout.matchAll(/podman run --name=\S+?_([a-z-]+_\d+) /g)].map((m) => m[1]).sort();
    expect(containers).toEqual(['analysis-worker_1', 'analysis-worker_2', 'api_1', 'audio-worker_1', 'grafana_1', 'jaeger_1', 'prometheus_1', 'redis_1', 'transcribe-worker_1', 'transcribe-worker_2']);
    expect(plan.stdout).toContain('-e CCA_PUBLIC_URL=https://qa.example.com:8443');
    expect(plan.stdout).toContain('-e OTEL_EXPORTER_OTLP_ENDPOINT= ');
    expect(plan.stdout).toContain('-p 9443:8080');
    expect(plan.stdout).not.toMatch(/\$\{/);
    const without = projectCopy('qa.example.com', null);
    dirs.push(without);
    const failed = await run('podman-compose', ['--dry-run', '-f', 'compose.yaml', 'up', '-d'], { cwd: without, timeout: 60_000, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CCA_PUBLIC_URL')) }).then(() => null, (e: { stderr: string }) => e.stderr);
    expect(failed).toContain('set CCA_PUBLIC_URL in .env');
  });
});
