import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';
import { expect, snap, test } from './fixtures.js';

// Issue 32 through the real UI of a team server (CCA_QUEUE=redis on a real redis-server): the admin
// makes a worker token in Users, a real worker process starts with it and shows up in the Queue view's
// Workers and the System view's Processes; revoking the token stops the worker (it exits, saying why),
// and the queue shows it gone and that no worker is running.
let redis: RedisServer | null = null;
let app: ServedApp | null = null;
let worker: WorkerProcess | null = null;
test.afterEach(async () => {
  await worker?.stop();
  await app?.stop();
  await redis?.stop();
});

const admin = { username: 'ada', role: 'admin', password: 'ada-is-signing-in-today' };

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('worker tokens in Users, a live worker in Queue and System, revoked and gone', async ({ page }) => {
  test.setTimeout(120_000);
  redis = await startRedis();
  app = await startServedApp({ env: { CCA_AUTH: 'users', CCA_QUEUE: 'redis', CCA_REDIS_URL: redis.url } });
  const created = await app.api('/api/v1/users', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(admin) });
  expect(created.status, await created.clone().text()).toBe(200);

  await page.goto(`${app.origin}/`);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });

  // No worker yet: the queue says work waits for one.
  await nav.getByRole('link', { name: 'Queue' }).click();
  const workersPanel = page.getByRole('region', { name: 'Worker services' });
  await expect(workersPanel.getByRole('heading', { name: 'Workers' })).toBeVisible();
  await expect(workersPanel.getByRole('status')).toContainText('No worker is running');

  // The admin makes a worker token; it is shown once.
  await nav.getByRole('link', { name: 'Users' }).click();
  const tokens = page.getByRole('region', { name: 'Worker tokens' });
  await expect(tokens).toContainText('No worker tokens yet.');
  await tokens.getByLabel('Worker name').fill('gpu-box-1');
  await tokens.getByRole('button', { name: 'Make worker token' }).click();
  const secret = page.locator('.secret-once');
  await expect(secret).toHaveText(/^cca_wkr_/);
  await expect(page.getByText('Worker token (start the worker with CCA_WORKER_TOKEN=<token>) for')).toBeVisible();
  const token = (await secret.textContent())!.trim();
  await snap(page, 'workers-token-minted');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(tokens.getByRole('row').filter({ hasText: 'gpu-box-1' })).toContainText('never');

  // A real worker process signs in with it and appears in the Queue view (polled every 5 s).
  worker = await startWorkerProcess({ CCA_API_URL: app.origin, CCA_REDIS_URL: redis.url, CCA_WORKER_TOKEN: token }, ['--steps', 'transcribe,analyze', '--concurrency', '3']);
  await nav.getByRole('link', { name: 'Queue' }).click();
  const row = workersPanel.getByRole('row').filter({ hasText: 'gpu-box-1' });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText('Transcribe, Analyze');
  await expect(row).toContainText('0 of 6');
  await expect(row).not.toContainText('gone');
  await expect(workersPanel.getByRole('status')).toHaveCount(0);
  await snap(page, 'workers-queue-live');

  // The System view lists the API and the worker, with the worker's pid.
  await nav.getByRole('link', { name: 'System' }).click();
  const processes = page.getByRole('region', { name: 'Worker services' });
  await expect(processes.getByRole('heading', { name: 'Processes' })).toBeVisible();
  await expect(processes.getByRole('row').filter({ hasText: 'API (scheduler, storage)' })).toContainText('schedules and stores');
  await expect(processes.getByRole('row').filter({ hasText: 'gpu-box-1' })).toContainText(`pid ${worker.proc.pid}`);
  await snap(page, 'workers-system-processes');
  expect(await axe(page)).toEqual([]);

  // The token was used (Users shows when). Revoking it lists it no more, and the worker, refused at its
  // next heartbeat, stops taking jobs and exits saying why.
  await nav.getByRole('link', { name: 'Users' }).click();
  await expect(tokens.getByRole('row').filter({ hasText: 'gpu-box-1' })).not.toContainText('never');
  const exited = new Promise<number | null>((resolve) => worker!.proc.once('exit', (code) => resolve(code)));
  page.once('dialog', (d) => void d.accept());
  await tokens.getByRole('row').filter({ hasText: 'gpu-box-1' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(tokens).toContainText('No worker tokens yet.');
  expect(await exited).toBe(1);
  expect(worker.output()).toContain('worker stopped: The server refused the worker');
  worker = null;

  // Silent since: the queue shows it gone (after three missed heartbeats) and that no worker is running.
  await nav.getByRole('link', { name: 'Queue' }).click();
  await expect(row).toContainText('gone', { timeout: 30_000 });
  await expect(workersPanel.getByRole('status')).toContainText('No worker is running');
  await snap(page, 'workers-queue-gone');
});
