// The bottom line: where the collector is, whether the live feed is up, how much is loaded,
// and which price table estimates costs.
import { useEffect } from 'react';
import { liveFeed } from '../../state/feed.ts';
import { useStore } from '../../state/createStore.ts';
import { traceListStore } from '../../state/traceListStore.ts';
import { urlStore } from '../../state/urlState.ts';
import { formatCount, formatCounted } from '../../lib/format.ts';
import { chooseAndImport } from '../../state/importStore.ts';
import { openSettings } from '../../state/replaySettings.ts';
import { pricingLabel, pricingStore, refreshPricing } from '../../state/pricingStore.ts';

const FEED_LABEL = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…' } as const;

export function StatusBar({
  spanCount,
  theme,
  onToggleTheme,
  onShowShortcuts,
}: {
  spanCount: number | null;
  theme: string;
  onToggleTheme: () => void;
  onShowShortcuts: () => void;
}) {
  const feed = useStore(liveFeed.state);
  const rows = useStore(traceListStore, (s) => s.rows.length);
  const total = useStore(traceListStore, (s) => s.total);
  // The compare view unmounts the trace list, whose store then holds no rows: say nothing
  // rather than "0 traces".
  const comparing = useStore(urlStore, (s) => s.compare != null);
  const pricing = useStore(pricingStore, (s) => s.info);
  useEffect(() => void refreshPricing(), []);

  return (
    <footer className="status-bar">
      <span
        className={`feed-state feed-${feed.status}`}
        title={feed.version ? `Collector ${feed.version}` : undefined}
      >
        <span className="feed-dot" aria-hidden />
        {FEED_LABEL[feed.status]}
      </span>
      <span className="mono" title="Collector address">
        {location.host}
      </span>
      {!comparing && (
        <span>
          {/* No total: more may match than are loaded (further pages, or live traces a search may match). */}
          {total !== null ? formatCount(total) : `${formatCount(rows)}+`}{' '}
          {(total ?? rows) === 1 ? 'trace' : 'traces'}
        </span>
      )}
      {spanCount !== null && <span>{formatCounted(spanCount, 'span')} in this trace</span>}
      <span className="spacer" />
      {pricing && (
        <button
          type="button"
          className="status-button"
          onClick={openSettings}
          title="Price table that estimates the cost of model calls that report tokens but no cost: click to load another"
        >
          Prices: {pricingLabel(pricing)}
        </button>
      )}
      <button
        type="button"
        className="status-button"
        onClick={() => void chooseAndImport()}
        title="Import a trace file (or drop one on the window)"
      >
        ⤒ Import…
      </button>
      <button
        type="button"
        className="status-button"
        onClick={openSettings}
        title="Settings: re-run endpoint and API key"
        aria-label="Settings"
      >
        ⚙
      </button>
      <button type="button" className="status-button" onClick={onToggleTheme} title="Switch theme (T)">
        {theme === 'dark' ? '☾ Dark' : '☀ Light'}
      </button>
      <button
        type="button"
        className="status-button"
        onClick={onShowShortcuts}
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
    </footer>
  );
}
