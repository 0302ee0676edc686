import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../main/config/load-config.js';
import { createLogger } from '../../../main/logging/logger.js';

/**
 * A log file that cannot be opened (its folder removed under the app, a full disk) does not take the
 * process down: it is said once on stderr. (Seen as an uncaught ENOENT when a data folder was
 * removed while the log stream was still opening its file.)
 */
describe('the log file', () => {
  it('a log folder removed under a running app is reported once, not thrown', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cca-log-gone-'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_LOG_LEVEL: 'info', CCA_LOG_MAX_SIZE_MB: '1' });
      const logger = await createLogger(config);
      rmSync(dataDir, { recursive: true, force: true });
      // Enough lines to make the stream flush and roll over into a file in the missing folder.
      for (let i = 0; i < 30_000; i++) logger.info({ i, pad: 'x'.repeat(40) }, 'line');
      await new Promise((r) => setTimeout(r, 300));
      const said = stderr.mock.calls.map((c) => String(c[0])).filter((s) => s.includes('cannot write the log file'));
      expect(said).toHaveLength(1);
    } finally {
      stderr.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
