// Drop a trace file anywhere on the window: while a file is dragged over, an overlay says what
// will happen; dropping imports it. Only drags that carry files count (not text or a tab).
import { useEffect, useState } from 'react';
import { importFile } from '../../state/importStore.ts';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function DropZone() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; count them to know when it left the window.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setOver(true);
    };
    const overWindow = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // Without this the browser opens the file instead of dropping it.
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importFile(file, file.name);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!over) return null;
  return (
    <div className="drop-overlay" role="status" aria-label="Drop to import">
      <div className="drop-card">
        <div className="drop-icon" aria-hidden>
          ⤓
        </div>
        <div className="drop-title">Drop to import the trace file</div>
        <div className="muted">
          Spyglass JSON, OTLP JSON or OTLP protobuf. A damaged file imports nothing.
        </div>
      </div>
    </div>
  );
}
