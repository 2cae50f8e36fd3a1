// Long strings are folded: the first few thousand characters, then "Show all (123 KB)". A
// megabyte of prompt must not freeze the inspector just because its span was clicked.
import { useState } from 'react';
import { formatBytes } from '../../lib/format.ts';
import { containsNeedle, useSearchNeedle } from './searchNeedle.ts';

const FOLD_AT_CHARS = 3000;
const SHOWN_WHEN_FOLDED = 1500;

export function FoldedText({
  text,
  children,
}: {
  text: string;
  children?: (visible: string) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const needle = useSearchNeedle();
  const folded =
    text.length > FOLD_AT_CHARS && !open && !containsNeedle(text.slice(SHOWN_WHEN_FOLDED), needle);
  const visible = folded ? text.slice(0, SHOWN_WHEN_FOLDED) : text;
  return (
    <>
      {children ? children(visible) : visible}
      {folded && (
        <>
          <span className="fold-ellipsis">…</span>{' '}
          <button type="button" className="link-button fold-button" onClick={() => setOpen(true)}>
            Show all ({formatBytes(new TextEncoder().encode(text).length)})
          </button>
        </>
      )}
    </>
  );
}
