/**
 * Files the user gave the imaging page, each with its path in the chosen folder (used in every message): from a
 * file input (`webkitRelativePath` of `<input webkitdirectory>`), a drop (folders walked through
 * `webkitGetAsEntry`), or the File System Access API's `showDirectoryPicker` where the browser has it.
 */
export interface PickedFile {
  path: string;
  file: File;
}

export function fromFileList(list: FileList | File[]): PickedFile[] {
  return Array.from(list).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every file under a dropped entry; readEntries returns at most 100 entries a call, so it is called until empty. */
async function walkEntry(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    out.push({ path: entry.fullPath.replace(/^\//, ''), file: await entryFile(entry as FileSystemFileEntry) });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walkEntry(child, out);
  }
}

/** The files of a drop: folders recursively, plain files (and zips) as they are. */
export async function fromDrop(data: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken synchronously, before the first await: the DataTransfer empties after the event.
  const entries = Array.from(data.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length && entries.every((e) => e !== null)) {
    const out: PickedFile[] = [];
    for (const entry of entries) await walkEntry(entry!, out);
    return out;
  }
  return fromFileList(data.files);
}

interface DirectoryHandle {
  name: string;
  kind: 'directory';
  values(): AsyncIterable<DirectoryHandle | { kind: 'file'; name: string; getFile(): Promise<File> }>;
}

async function walkHandle(handle: DirectoryHandle, prefix: string, out: PickedFile[]): Promise<void> {
  for await (const child of handle.values()) {
    const path = `${prefix}/${child.name}`;
    if (child.kind === 'file') out.push({ path, file: await child.getFile() });
    else await walkHandle(child, path, out);
  }
}

type PickerWindow = Window & { showDirectoryPicker?: (options?: { mode?: 'read' }) => Promise<DirectoryHandle> };

export function hasDirectoryPicker(): boolean {
  return typeof (window as PickerWindow).showDirectoryPicker === 'function';
}

/** A folder through the File System Access API (read only); undefined when the user cancels. */
export async function fromDirectoryPicker(): Promise<PickedFile[] | undefined> {
  let handle: DirectoryHandle;
  try {
    handle = await (window as PickerWindow).showDirectoryPicker!({ mode: 'read' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return undefined;
    throw e;
  }
  const out: PickedFile[] = [];
  await walkHandle(handle, handle.name, out);
  return out;
}

/** Path and bytes, as the pipeline takes them; read again for each use, since bytes sent to the worker move. */
export async function readPicked(files: PickedFile[]): Promise<{ path: string; bytes: Uint8Array }[]> {
  return Promise.all(files.map(async (f) => ({ path: f.path, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
}
