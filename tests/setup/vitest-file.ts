import { afterAll } from 'vitest';
import { globalFetchForTests } from '../helpers/fetch-retry.js';
import { descendants, killAll } from './processes.js';

// Every fetch a test makes to a server it started, directly or in a helper, survives a reused
// connection the server just closed (fakes' injected resets still reach the SDKs: fetch-retry.ts).
globalThis.fetch = globalFetchForTests(globalThis.fetch);

// The last hook of every file (hooks run in reverse order; this one is registered first): whatever
// the file's own teardown missed, even after a failure, does not outlive the file.
afterAll(() => {
  const left = descendants(process.pid);
  if (!left.length) return;
  killAll(left);
  console.warn(`killed ${left.length} process(es) this test file left running:\n${left.map((p) => `  ${p.command}`).join('\n')}`);
});
