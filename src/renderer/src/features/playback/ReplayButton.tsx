// "Replay" in the trace's toolbar: enter time-travel playback of this trace, or leave it.
import type { PlaybackView } from './usePlayback.ts';
import { ReplayIcon } from './PlaybackIcons.tsx';
import './playback.css';

export function ReplayButton({ view }: { view: PlaybackView }) {
  const on = view.state.on;
  return (
    <button
      type="button"
      className={`replay-button${on ? ' active' : ''}`}
      aria-pressed={on}
      aria-label="Replay"
      title={
        on
          ? 'Leave playback (Esc)'
          : 'Replay the trace in time: spans appear and finish in the order they happened'
      }
      onClick={on ? view.controls.exit : view.controls.enter}
      data-testid="replay-button"
    >
      <ReplayIcon />
      {/* Hidden in a narrow trace pane (layout.css), where the icon stands alone. */}
      <span className="replay-label">Replay</span>
    </button>
  );
}
