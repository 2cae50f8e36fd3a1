// Find-in-payload without touching React's DOM: matches are found in the rendered text nodes
// and painted with the CSS Custom Highlight API (Ranges, no wrapper elements), so React keeps
// sole ownership of the nodes. Recomputed when the needle or the rendered content changes.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

const ALL = 'payload-search';
const CURRENT = 'payload-search-current';
const MAX_MATCHES = 5000;

function findRanges(root: HTMLElement, needle: string): Range[] {
  const ranges: Range[] = [];
  const lower = needle.toLowerCase();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && ranges.length < MAX_MATCHES; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').toLowerCase();
    for (
      let at = text.indexOf(lower);
      at >= 0 && ranges.length < MAX_MATCHES;
      at = text.indexOf(lower, at + lower.length)
    ) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + lower.length);
      ranges.push(range);
    }
  }
  return ranges;
}

const highlights = (): HighlightRegistry | null =>
  typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;

export interface TextSearch {
  count: number;
  /** 0-based index of the current match, -1 when none. */
  index: number;
  next(): void;
  prev(): void;
  capped: boolean;
}

export function useTextSearch(container: RefObject<HTMLElement | null>, needle: string): TextSearch {
  const [ranges, setRanges] = useState<Range[]>([]);
  const [index, setIndex] = useState(-1);
  const frame = useRef(0);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const recompute = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => {
        const found = needle ? findRanges(root, needle) : [];
        setRanges(found);
        setIndex((i) => (found.length === 0 ? -1 : Math.min(Math.max(i, 0), found.length - 1)));
      });
    };
    recompute();
    const observer = new MutationObserver(recompute);
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, [container, needle]);

  useEffect(() => {
    const registry = highlights();
    if (!registry) return;
    registry.set(ALL, new Highlight(...ranges));
    const current = ranges[index];
    if (current) registry.set(CURRENT, new Highlight(current));
    else registry.delete(CURRENT);
    return () => {
      registry.delete(ALL);
      registry.delete(CURRENT);
    };
  }, [ranges, index]);

  const reveal = useCallback(
    (i: number) => {
      const range = ranges[i];
      const element = range?.startContainer.parentElement;
      element?.scrollIntoView({ block: 'center', inline: 'nearest' });
      setIndex(i);
    },
    [ranges],
  );

  return {
    count: ranges.length,
    index,
    capped: ranges.length >= MAX_MATCHES,
    next: () => ranges.length && reveal((index + 1) % ranges.length),
    prev: () => ranges.length && reveal((index - 1 + ranges.length) % ranges.length),
  };
}
