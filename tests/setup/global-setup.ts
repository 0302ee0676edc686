import { buildOnce } from './build-once.js';
import { reapLeftovers, tagRun } from './processes.js';

/**
 * The globalSetup of the Vitest projects that start processes and of Playwright: build dist/ once
 * before any worker starts, tag the run, and fail it (by name) if any process outlives it.
 */
export default function setup(): () => Promise<void> {
  buildOnce();
  const tag = tagRun();
  return async () => {
    const left = await reapLeftovers(tag);
    if (left) throw new Error(left);
  };
}
