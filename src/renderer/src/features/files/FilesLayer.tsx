// Everything about trace files that floats over the window: the drop target, the import's
// progress or failure, and export notes. Mounted once by the App.
import { DropZone } from './DropZone.tsx';
import { ImportStatus } from './ImportStatus.tsx';
import { Toasts } from './Toasts.tsx';
import './files.css';

export function FilesLayer() {
  return (
    <>
      <DropZone />
      <ImportStatus />
      <Toasts />
    </>
  );
}
