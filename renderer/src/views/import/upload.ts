import { isSidecarName, type ImportBatch } from '../../../../preload/contract/schemas/recordings.js';
import type { ErrorInfo, Result } from '../../../../preload/contract/index.js';
import type { PickedFile } from './collect-drop.js';

/**
 * Browser mode: POST the files as multipart to /api/v1/recordings. XMLHttpRequest rather than fetch
 * because it reports upload progress. The token is the one http-transport keeps for this tab.
 */
export function uploadFiles(files: PickedFile[], batchId: string, onProgress: (sent: number, total: number) => void, sidecar?: File): Promise<Result<ImportBatch>> {
  const token = sessionStorage.getItem('cca.token') ?? '';
  const form = new FormData();
  // Sidecars first, so the server has them whatever the order of the drop.
  const ordered = [...files].sort((a, b) => Number(isSidecar(b)) - Number(isSidecar(a)));
  // A metadata file chosen in the view goes first, so it applies to every recording of the batch.
  if (sidecar) form.append('sidecar', sidecar, sidecar.name);
  for (const f of ordered) form.append('files', f.file, f.relativePath);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/recordings?batchId=${encodeURIComponent(batchId)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<ImportBatch>);
      } catch {
        resolve(fail(`The app answered ${xhr.status} without a readable body.`));
      }
    };
    xhr.onerror = () => resolve(fail('Lost connection to the app while uploading.'));
    xhr.send(form);
  });
}

const isSidecar = (f: PickedFile) => isSidecarName(f.relativePath.split('/').pop() ?? '');

const fail = (message: string): Result<never> => ({
  ok: false,
  error: { category: 'network', message, hint: 'Check that the app is still running, then use "Retry failed".' } satisfies ErrorInfo,
});
