// One import at a time: its phase, progress and outcome, for the progress bar and the error
// dialog. Imports come from the Import button, a file dropped on the window, or the desktop
// app's open dialog; all end here.
import type { ImportErrorBody, ImportResponse } from '../../../shared/files.ts';
import { selectTrace } from './selection.ts';
import { createStore } from './createStore.ts';
import { openedFileBlob, uploadTraceFile } from '../api/uploadTraceFile.ts';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; sent: number; total: number }
  | { phase: 'checking'; name: string; total: number }
  | { phase: 'done'; name: string; response: ImportResponse }
  | { phase: 'failed'; name: string; error: ImportErrorBody };

export const importStore = createStore<ImportState>({ phase: 'idle' });

let controller: AbortController | null = null;

export async function importFile(file: Blob, name: string): Promise<void> {
  const phase = importStore.get().phase;
  if (phase === 'uploading' || phase === 'checking') return; // One at a time; the bar shows which.
  controller = new AbortController();
  importStore.set({ phase: 'uploading', name, sent: 0, total: file.size });
  try {
    const result = await uploadTraceFile(
      file,
      name,
      {
        onProgress: (sent, total) => importStore.set({ phase: 'uploading', name, sent, total }),
        onUploaded: () => importStore.set({ phase: 'checking', name, total: file.size }),
      },
      controller.signal,
    );
    if (!result.ok) return importStore.set({ phase: 'failed', name, error: result.error });
    importStore.set({ phase: 'done', name, response: result.response });
    const first = result.response.traceIds[0];
    if (first) selectTrace(first);
  } catch (error) {
    if ((error as Error).name === 'AbortError') return importStore.set({ phase: 'idle' });
    importStore.set({ phase: 'failed', name, error: { error: (error as Error).message } });
  } finally {
    controller = null;
  }
}

export function cancelImport(): void {
  controller?.abort();
}

export function dismissImport(): void {
  const phase = importStore.get().phase;
  if (phase === 'done' || phase === 'failed') importStore.set({ phase: 'idle' });
}

/** The Import action: the native dialog in the desktop app, a file input in a browser. */
export async function chooseAndImport(): Promise<void> {
  const desktop = window.spyglass;
  if (desktop) {
    const opened = await desktop.openTraceFile();
    if (opened) await importFile(openedFileBlob(opened.contents, opened.encoding), opened.name);
    return;
  }
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,.jsonl,.pb,.binpb,.otlp,.spyglass,application/json,application/x-protobuf';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void importFile(file, file.name);
  });
  input.click();
}
