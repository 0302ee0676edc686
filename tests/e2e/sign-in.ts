import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures.js';

/** The password the users-mode specs give each account they create. */
export const pw = (username: string) => `${username}-is-signing-in-today`;

/** A browser of the user's own (a new context: cookies apart), signed in through the real form. */
export async function signIn(browser: Browser, origin: string, username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(pw(username));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return page;
}
