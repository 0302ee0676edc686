/**
 * What the reviewer dropped or picked, turned into something the core can import. In Electron every
 * File is backed by a path on disk (folders included), so the core imports by path; in the browser
 * folders are walked with the File System entries API and their files uploaded with their relative
 * path (the server uses it to apply a folder's calls.csv).
 */

export interface PickedFile {
  file: File;
  /** "folder/sub/name.wav" for files from a dropped folder, else the file name. */
  relativePath: string;
}

export type DropPayload = { kind: 'paths'; paths: string[] } | { kind: 'files'; files: PickedFile[] };

const electronPath = (f: File): string => window.cca?.getPathForFile(f) ?? '';

/** A drop: items are read synchronously (the DataTransfer is emptied after the event), then walked. */
export async function collectDrop(dt: DataTransfer): Promise<DropPayload> {
  if (window.cca) {
    const paths = Array.from(dt.files).map(electronPath).filter(Boolean);
    return { kind: 'paths', paths };
  }
  const entries = Array.from(dt.items)
    .filter((i) => i.kind === 'file')
    .map((i) => ({ entry: i.webkitGetAsEntry?.() ?? null, file: i.getAsFile() }));
  const files: PickedFile[] = [];
  for (const { entry, file } of entries) {
    if (entry) await walkEntry(entry, '', files);
    else if (file) files.push({ file, relativePath: file.name });
  }
  return { kind: 'files', files };
}

/** Files from an <input type=file> (multiple, or webkitdirectory for a folder). */
export function collectPicked(list: FileList): DropPayload {
  const all = Array.from(list);
  if (window.cca) return { kind: 'paths', paths: all.map(electronPath).filter(Boolean) };
  return { kind: 'files', files: all.map((file) => ({ file, relativePath: file.webkitRelativePath || file.name })) };
}

async function walkEntry(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: `${prefix}${entry.name}` });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: keep reading until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out);
  }
}
