import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** The OS's conventional per-user app-data folder (Electron's app.getPath('userData') equivalent). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Call Center QA');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Call Center QA');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'call-center-qa');
  }
}
