import { takeTokenFromUrl } from '../../api/http-transport.js';

/**
 * Fetch an export from the API with the session's token (the same one the HTTP transport uses; a
 * plain link cannot send the Authorization header) and hand it to the browser as a blob.
 */
export interface Fetched {
  blob: Blob;
  fileName: string;
}

export async function fetchExport(path: string, signal?: AbortSignal): Promise<Fetched> {
  const token = takeTokenFromUrl();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  if (!res.ok) {
    let message = `The export failed (${res.status}).`;
    try {
      const body = (await res.json()) as { error?: { message?: string; hint?: string } };
      if (body.error?.message) message = `${body.error.message} ${body.error.hint ?? ''}`.trim();
    } catch {
      /* not JSON: keep the status message */
    }
    throw new Error(message);
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const fileName = star ? decodeURIComponent(star[1]!) : plain?.[1] ?? 'export';
  return { blob: await res.blob(), fileName };
}

/** Save a blob through the browser's download (an object URL on a temporary link). */
export function saveBlob(f: Fetched): void {
  const url = URL.createObjectURL(f.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = f.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
