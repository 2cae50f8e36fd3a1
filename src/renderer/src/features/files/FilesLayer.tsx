// What floats over the window for trace files: the drop target. Mounted once by the App; the
// import's progress and the export notes live in the Notices strip (Notices.tsx).
import { DropZone } from './DropZone.tsx';
import './files.css';

export function FilesLayer() {
  return <DropZone />;
}
