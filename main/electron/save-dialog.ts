import { app, dialog, type BrowserWindow } from 'electron';
import { extname, join } from 'node:path';
import type { DesktopHost } from '../host.js';

const filterNames: Record<string, string> = {
  '.csv': 'CSV', '.xlsx': 'Excel workbook', '.json': 'JSON', '.pdf': 'PDF', '.html': 'Web page', '.txt': 'Text', '.srt': 'Subtitles (SRT)', '.vtt': 'Subtitles (WebVTT)',
};

/** The desktop host: the OS save dialog, attached to the app window, starting in Documents. */
export function electronHost(window: () => BrowserWindow | null): DesktopHost {
  return {
    async chooseSavePath(suggestedFileName) {
      const ext = extname(suggestedFileName).toLowerCase();
      const options = {
        title: 'Save export',
        defaultPath: join(app.getPath('documents'), suggestedFileName),
        filters: ext ? [{ name: filterNames[ext] ?? ext.slice(1).toUpperCase(), extensions: [ext.slice(1)] }] : [],
      };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
