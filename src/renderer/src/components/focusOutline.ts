// Moving keyboard focus into the span tree (Enter on a trace row): the outline when it is shown,
// else the waterfall, whose label column is the tree while the outline is hidden beside it. The
// trace may still be loading, with neither to focus yet: then the request waits and whichever
// mounts first takes it.
let pending = false;

const TARGETS = ['outline-body', 'waterfall-body'];

export function focusOutline(): void {
  for (const id of TARGETS) {
    const element = document.getElementById(id);
    if (element) {
      element.focus();
      return;
    }
  }
  pending = true;
}

/** Called by the outline or the waterfall once mounted: true when focus was asked for before it existed. */
export function takePendingOutlineFocus(): boolean {
  const was = pending;
  pending = false;
  return was;
}
