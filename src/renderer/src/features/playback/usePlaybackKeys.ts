// Playback keys, window-wide while playback is on: Space plays or pauses, ←/→ move the playhead
// a little, Shift+←/→ jump to the previous or next span start or end, Shift+Home/End to the start
// or end of the recording, < and > change speed, Esc leaves. The others are taken in the capture phase, ahead of the outline's and the canvas views' own
// arrow keys, which otherwise walk the tree; typing in a field or an open dialog keeps its keys.
import { useEffect } from 'react';
import type { PlaybackControls } from './playbackControls.ts';

function keepsKeys(target: EventTarget | null): boolean {
  if (document.querySelector('[role="dialog"]')) return true;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  // The transport's own slider is ours; every other input keeps its keys.
  return target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'range';
}

export function usePlaybackKeys(on: boolean, controls: PlaybackControls): void {
  useEffect(() => {
    if (!on) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || keepsKeys(event.target))
        return;
      switch (event.key) {
        case ' ':
          if (!event.repeat) controls.togglePlay();
          break;
        case 'ArrowLeft':
          if (event.shiftKey) controls.stepBackward();
          else controls.nudge(-1);
          break;
        case 'ArrowRight':
          if (event.shiftKey) controls.stepForward();
          else controls.nudge(1);
          break;
        // Shift: plain Home and End stay the views' first / last span.
        case 'Home':
          if (!event.shiftKey) return;
          controls.toStart();
          break;
        case 'End':
          if (!event.shiftKey) return;
          controls.toEnd();
          break;
        case '<':
          controls.changeSpeed(-1);
          break;
        case '>':
          controls.changeSpeed(1);
          break;
        default:
          return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    // Esc last, after the views: a zoomed flame graph zooms out first (it marks the key as used).
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || keepsKeys(event.target)) return;
      controls.exit();
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keydown', onEscape);
    };
  }, [on, controls]);
}
