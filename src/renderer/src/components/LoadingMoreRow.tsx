// The last row of a paged, virtualised list while older pages remain on the server (the trace and
// session lists): a user who drags the scrollbar to the bottom lands on it while the next page
// loads, instead of on what looks like the last row there is.
/** "Loading older traces…", placed as the row after the last loaded one. */
export function LoadingMoreRow({ top, height, what }: { top: number; height: number; what: string }) {
  return (
    <div role="row" className="trace-list-more muted" style={{ top, height }}>
      Loading older {what}…
    </div>
  );
}
