// The one place the window says how something went: the import under way or done, and the
// short-lived notes (export written, a failure). A strip above the status bar, in the layout's
// flow, so a note never covers the waterfall or any other view (they used to float in two spots
// over it). Empty, it takes no space.
import { ImportStatus } from './ImportStatus.tsx';
import { Toasts } from './Toasts.tsx';
import './files.css';

export function Notices() {
  return (
    <div className="notices" aria-label="Notices">
      <ImportStatus />
      <Toasts />
    </div>
  );
}
