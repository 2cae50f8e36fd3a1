// Moving keyboard focus into the outline (Enter on a trace row). The trace may still be loading,
// with no outline to focus yet: then the request waits and the outline takes it when it mounts.
let pending = false;

export function focusOutline(): void {
  const element = document.getElementById('outline-body');
  if (element) element.focus();
  else pending = true;
}

/** Called by the outline once mounted: true when focus was asked for before it existed. */
export function takePendingOutlineFocus(): boolean {
  const was = pending;
  pending = false;
  return was;
}
