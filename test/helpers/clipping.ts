// Text a layout cuts off: an element whose own text overflows its box (ellipsis or hidden), or
// that reaches past the edge of an ancestor that clips (overflow other than visible). Measured in
// the browser, for the layout tests at narrow widths.
import type { Locator } from 'playwright-core';

export interface CutText {
  text: string;
  /** How many pixels are hidden. */
  hiddenPx: number;
}

/** Runs in the page: must not close over anything. */
function measure(root: Element): CutText[] {
  const cut: CutText[] = [];
  const elements = [root, ...root.querySelectorAll('*')];
  for (const element of elements) {
    const ownText = [...element.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    if (!ownText) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    let hidden = Math.max(0, element.scrollWidth - element.clientWidth);
    for (let node = element.parentElement; node; node = node.parentElement) {
      if (getComputedStyle(node).overflowX === 'visible') continue;
      const edge = node.getBoundingClientRect();
      hidden = Math.max(hidden, box.right - edge.right, edge.left - box.left);
    }
    if (hidden > 1) cut.push({ text: ownText, hiddenPx: Math.round(hidden) });
  }
  return cut;
}

/** The texts inside `root` that are cut off. */
export function cutTexts(root: Locator): Promise<CutText[]> {
  return root.evaluate(measure);
}
