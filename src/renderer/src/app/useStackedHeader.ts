// Whether the trace header needs two lines: the facts on a line of their own when they do not
// fit whole beside the name, the status, the buttons and the smallest the tags get (their "+N"
// chip). The key facts outlive room for tags, and none is dropped. Decided from natural widths
// (the name's text, each fact, each button), which do not change with the layout chosen, so the
// choice never flips back and forth. Measured again when the header resizes or fonts arrive.
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { observeSize } from '../components/canvas/observeSize.ts';

/** The name's share of a one-line header (its CSS max-width). */
const TITLE_SHARE = 0.4;

export function useStackedHeader(header: RefObject<HTMLElement | null>): boolean {
  const [stacked, setStacked] = useState(false);
  const measure = useRef(() => {});
  measure.current = () => {
    const element = header.current;
    if (!element) return;
    const style = getComputedStyle(element);
    const width =
      element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    const gap = Number.parseFloat(style.columnGap) || 0;
    const items = [...element.children] as HTMLElement[];
    let title = 0;
    let facts = 0;
    let tags = 0;
    let rest = 0;
    for (const item of items) {
      if (item.classList.contains('trace-title')) {
        const text = document.createRange();
        text.selectNodeContents(item);
        title = Math.ceil(text.getBoundingClientRect().width) + 1;
      } else if (item.classList.contains('trace-facts')) {
        const each = [...item.children] as HTMLElement[];
        const factGap = Number.parseFloat(getComputedStyle(item).columnGap) || 0;
        facts = each.reduce((sum, f) => sum + f.getBoundingClientRect().width, 0);
        facts += factGap * Math.max(0, each.length - 1);
      } else if (item.classList.contains('overflow-tags')) {
        tags = item.querySelector<HTMLElement>('.tag-more')?.offsetWidth ?? 0;
      } else rest += item.getBoundingClientRect().width;
    }
    const gaps = gap * (items.length - 1);
    const oneLine = rest + Math.min(title, width * TITLE_SHARE) + facts + tags + gaps;
    setStacked(oneLine > width + 0.5);
    // Stacked, the first line wraps rather than shrinks its items: so the name and the tags are
    // held to what it leaves them (the name first, the tags at least their "+N" chip).
    const firstLine = width - rest - (gaps - gap) - 1;
    const titleRoom = Math.max(60, Math.min(title, firstLine - tags));
    element.style.setProperty('--header-title-room', `${titleRoom}px`);
    element.style.setProperty('--header-tags-room', `${Math.max(tags, firstLine - titleRoom)}px`);
  };
  // Every render: the facts' text may have changed (a running trace's duration).
  useLayoutEffect(() => measure.current());
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    const remeasure = () => measure.current();
    document.fonts?.addEventListener('loadingdone', remeasure);
    const stop = observeSize(element, remeasure);
    return () => {
      stop();
      document.fonts?.removeEventListener('loadingdone', remeasure);
    };
  }, [header]);
  return stacked;
}
