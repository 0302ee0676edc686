import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computationNames } from '../../../main/steps/computations.js';

/**
 * scripts/setup-server.sh checks --worker-steps before it writes them into cca.env (a bash script
 * cannot ask the TypeScript list): its list must stay the steps a worker can take.
 */
describe('scripts/setup-server.sh', () => {
  it('knows exactly the steps a worker can take', () => {
    const script = readFileSync(join(import.meta.dirname, '../../../scripts/setup-server.sh'), 'utf8');
    const known = /^readonly KNOWN_STEPS=" ([a-z_ ]+) "$/m.exec(script)?.[1]?.split(' ');
    expect(known?.sort()).toEqual([...computationNames].sort());
  });
});
