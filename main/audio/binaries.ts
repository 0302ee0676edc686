import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the ffmpeg/ffprobe executables are. Runs in the main process and in the audio worker.
 *
 * Order: env override (FFMPEG_PATH / FFPROBE_PATH) → the binary shipped in the @ffmpeg-installer /
 * @ffprobe-installer npm packages → plain `ffmpeg` / `ffprobe` on PATH.
 *
 * The installer packages are resolved at run time through createRequire (never a static import) so a
 * bundler leaves them in node_modules: their index.js finds the binary relative to its own __dirname,
 * which would point into dist/ if it were inlined into a bundle.
 */

export interface AudioBinaries {
  ffmpeg: string;
  ffprobe: string;
}

/**
 * Inside a packaged Electron app node_modules lives in app.asar, which the OS cannot exec from;
 * electron-builder unpacks native binaries to app.asar.unpacked, so point there. Plain string work on
 * purpose: this module must not import electron (it runs in browser mode and in worker threads).
 */
export function fixAsarPath(p: string): string {
  return p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** A URL/path we can hand to createRequire, in ESM source, an ESM bundle or a CJS bundle. */
function requireAnchor(): string {
  // In a CJS bundle esbuild turns import.meta into {}, so url is undefined there and __filename exists.
  const metaUrl: unknown = import.meta.url;
  if (typeof metaUrl === 'string') return metaUrl;
  if (typeof __filename === 'string') return pathToFileURL(__filename).href;
  return pathToFileURL(join(process.cwd(), 'package.json')).href;
}

function fromInstaller(pkg: string): string | null {
  try {
    const req = createRequire(requireAnchor());
    const mod: unknown = req(pkg);
    const p = typeof mod === 'object' && mod !== null && 'path' in mod ? (mod).path : null;
    if (typeof p !== 'string') return null;
    const fixed = fixAsarPath(p);
    return existsSync(fixed) ? fixed : null;
  } catch {
    // The installers throw (sometimes a bare string) on unsupported platforms or missing binaries.
    return null;
  }
}

let cached: AudioBinaries | null = null;

export function audioBinaries(): AudioBinaries {
  if (cached) return cached;
  cached = {
    ffmpeg: process.env.FFMPEG_PATH || fromInstaller('@ffmpeg-installer/ffmpeg') || 'ffmpeg',
    ffprobe: process.env.FFPROBE_PATH || fromInstaller('@ffprobe-installer/ffprobe') || 'ffprobe',
  };
  return cached;
}

export const ffmpegPath = (): string => audioBinaries().ffmpeg;
export const ffprobePath = (): string => audioBinaries().ffprobe;
