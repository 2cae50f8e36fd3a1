// Upload a trace file to POST /api/import with XMLHttpRequest, whose upload progress events give
// the bytes sent (fetch has no upload progress). The server checks the whole file before it
// writes anything, so an answer is either everything imported or nothing, with where it broke.
import type { ImportErrorBody, ImportResponse } from '../../../shared/files.ts';

export type UploadResult =
  | { ok: true; response: ImportResponse }
  | { ok: false; error: ImportErrorBody; status: number };

export interface UploadHandlers {
  /** Bytes sent so far out of the file's size. */
  onProgress(sent: number, total: number): void;
  /** Every byte is sent; the collector is now checking and storing the file. */
  onUploaded(): void;
}

/** The Content-Type to send: JSON files as JSON, anything else sniffed by the server. */
export function contentTypeFor(name: string, blob: Blob): string {
  if (/\.(json|jsonl|ndjson)$/i.test(name) || blob.type === 'application/json') return 'application/json';
  if (/\.(pb|binpb)$/i.test(name)) return 'application/x-protobuf';
  return 'application/octet-stream';
}

export function uploadTraceFile(
  file: Blob,
  name: string,
  handlers: UploadHandlers,
  signal?: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import');
    xhr.setRequestHeader('Content-Type', contentTypeFor(name, file));
    xhr.upload.onprogress = (event) =>
      handlers.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => handlers.onUploaded();
    xhr.onerror = () => reject(new Error('Cannot reach the Spyglass collector. Is it still running?'));
    xhr.onabort = () => reject(new DOMException('The import was cancelled', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): fall through to the status line.
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        resolve({ ok: true, response: body as ImportResponse });
        return;
      }
      const error =
        body && typeof body === 'object' && typeof (body as ImportErrorBody).error === 'string'
          ? (body as ImportErrorBody)
          : { error: `The collector answered ${xhr.status} ${xhr.statusText}` };
      resolve({ ok: false, error, status: xhr.status });
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** A file the desktop app read for us (text, or base64 for binary) as bytes to upload. */
export function openedFileBlob(contents: string, encoding: 'utf8' | 'base64'): Blob {
  if (encoding === 'utf8') return new Blob([contents], { type: 'application/json' });
  const binary = atob(contents);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/octet-stream' });
}
