// "Export ▾" for one trace (the trace header) or the picked traces (the selection bar): a menu
// of the two formats, then the native save dialog (desktop) or a download (browser).
import { useMenuBelow } from './useMenuBelow.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/files.ts';
import { ContextMenu } from './ContextMenu.tsx';
import { exportTraces, FORMAT_LABEL } from '../api/exportTraces.ts';
import { showToast } from '../state/toastStore.ts';

export async function runExport(traceIds: readonly string[], format: ExportFormat): Promise<void> {
  try {
    const where = await exportTraces(traceIds, format);
    if (where)
      showToast(
        `Exported ${traceIds.length === 1 ? 'the trace' : `${traceIds.length} traces`} as ${FORMAT_LABEL[format]}: ${where}`,
      );
  } catch (error) {
    showToast((error as Error).message, 'error');
  }
}

export function ExportMenu({ traceIds, label = 'Export' }: { traceIds: readonly string[]; label?: string }) {
  const menu = useMenuBelow();
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-haspopup="menu"
        title="Save as a file: Spyglass JSON (lossless) or OTLP JSON (any OpenTelemetry tool)"
        disabled={traceIds.length === 0}
        onClick={menu.openBelow}
      >
        {label} ▾
      </button>
      {menu.at && (
        <ContextMenu
          x={menu.at.x}
          y={menu.at.y}
          onClose={menu.close}
          items={EXPORT_FORMATS.map((format) => ({
            label: `${FORMAT_LABEL[format]}…`,
            onSelect: () => void runExport(traceIds, format),
          }))}
        />
      )}
    </>
  );
}
