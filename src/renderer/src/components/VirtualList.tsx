// A fixed-row-height virtual list: only the rows in view (plus a little overscan) are in the
// DOM, so 100,000 rows scroll like 100. Rows are absolutely positioned inside a spacer as tall
// as the whole list; the browser's own scrollbar does the rest.
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react';

export interface VirtualListHandle {
  /** Scroll just enough to show the row (no jump when it is already visible). */
  scrollToIndex(index: number): void;
  element(): HTMLDivElement | null;
}

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  renderRow: (index: number, top: number) => ReactNode;
  overscan?: number;
  /** Called with the first and last row index in view, e.g. to fetch the next page. */
  onRangeChange?: (first: number, last: number) => void;
  className?: string;
  ref?: Ref<VirtualListHandle>;
  /** Extra props for the scroller (keyboard handling, aria). */
  scrollerProps?: React.HTMLAttributes<HTMLDivElement>;
}

export function VirtualList({
  count,
  rowHeight,
  renderRow,
  overscan = 8,
  onRangeChange,
  className,
  ref,
  scrollerProps,
}: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scroller.current;
      if (!element || index < 0) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (bottom > element.scrollTop + element.clientHeight)
        element.scrollTop = bottom - element.clientHeight;
    },
    [rowHeight],
  );
  useImperativeHandle(ref, () => ({ scrollToIndex, element: () => scroller.current }), [scrollToIndex]);

  const firstVisible = Math.floor(scrollTop / rowHeight);
  const lastVisible = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight));
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(count - 1, lastVisible + overscan);

  useEffect(() => {
    if (count > 0) onRangeChange?.(firstVisible, lastVisible);
  }, [firstVisible, lastVisible, count, onRangeChange]);

  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) rows.push(renderRow(index, index * rowHeight));

  return (
    <div
      {...scrollerProps}
      ref={scroller}
      className={className ? `virtual-list ${className}` : 'virtual-list'}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="virtual-list-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
