// Export one trace or a selection to a file: the collector writes the file (GET
// /api/traces/:id/export, POST /api/export); the desktop app saves it through its native save
// dialog, a browser tab downloads it from a Blob URL.
import type { ExportFormat, ExportRequest } from '../../../shared/files.ts';
import type { SpyglassDesktopApi } from '../../../preload/api.ts';
import { request } from './http.ts';

export const FORMAT_LABEL: Record<ExportFormat, string> = {
  spyglass: 'Spyglass JSON',
  otlp: 'OTLP JSON',
};

/** The name the collector suggested (Content-Disposition), else one made from the ids. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  // Only a plain file name: the collector's answer is trusted, but a path would still be odd.
  return name && !/[\\/]/.test(name) ? name : fallback;
}

/** Fetch the file the collector writes for these traces. */
export async function fetchExport(
  traceIds: readonly string[],
  format: ExportFormat,
): Promise<{ name: string; text: string }> {
  const extension = format === 'otlp' ? 'otlp.json' : 'spyglass.json';
  let response: Response;
  try {
    response =
      traceIds.length === 1
        ? await request(`/api/traces/${encodeURIComponent(traceIds[0]!)}/export?format=${format}`)
        : await request('/api/export', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ traceIds: [...traceIds], format } satisfies ExportRequest),
          });
  } catch (error) {
    throw new Error(`Export failed: ${(error as Error).message}`);
  }
  const fallback =
    traceIds.length === 1 ? `${traceIds[0]}.${extension}` : `${traceIds.length}-traces.${extension}`;
  return {
    name: fileNameFrom(response.headers.get('content-disposition'), fallback),
    text: await response.text(),
  };
}

/** Save the export; resolves to where it went (a path in the app, the file name in a browser), or null if cancelled. */
export async function exportTraces(
  traceIds: readonly string[],
  format: ExportFormat,
): Promise<string | null> {
  const { name, text } = await fetchExport(traceIds, format);
  const desktop: SpyglassDesktopApi | undefined = window.spyglass;
  if (desktop) return desktop.saveFile(name, text);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
