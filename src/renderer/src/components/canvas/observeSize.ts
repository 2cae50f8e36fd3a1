// An element's CSS size as it changes, for the canvas views and the list tables.

/** Calls `onSize` with the element's whole-pixel content size on every resize; returns the stop. */
export function observeSize(
  element: HTMLElement,
  onSize: (width: number, height: number) => void,
): () => void {
  const observer = new ResizeObserver((entries) => {
    const box = entries[0]?.contentRect;
    if (box) onSize(Math.floor(box.width), Math.floor(box.height));
  });
  observer.observe(element);
  return () => observer.disconnect();
}
