// Settings: the model price table that estimates costs, and changing it. A price file chosen here
// (genai-prices or LiteLLM JSON) is sent to the collector, which uses it at once and keeps it for
// its next start; "Use bundled table" goes back to the snapshot shipped with Spyglass.
import { useEffect, useRef } from 'react';
import { formatCount } from '../../lib/format.ts';
import { useStore } from '../../state/createStore.ts';
import {
  loadPriceFile,
  pricingStore,
  refreshPricing,
  restoreBundledPrices,
} from '../../state/pricingStore.ts';

export function PriceTableSection() {
  const { info, busy, error } = useStore(pricingStore);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => void refreshPricing(), []);
  return (
    <section className="settings-body settings-prices" aria-label="Model prices">
      <h3>Model prices</h3>
      <div className="settings-note">
        Estimates the cost of model calls that report tokens but no cost. A change here applies at once (no
        need to Save) and prices the calls received from then on.
      </div>
      {info && (
        <div className="settings-price-table">
          <span className="settings-price-source">{info.source}</span>
          <span className="settings-hint">
            {info.date} · {formatCount(info.models)} models ·{' '}
            {info.bundled ? 'shipped with Spyglass' : 'loaded from a file'}
          </span>
        </div>
      )}
      <div className="settings-row">
        <button type="button" className="button" disabled={busy} onClick={() => picker.current?.click()}>
          Load price file…
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !info || info.bundled}
          onClick={() => void restoreBundledPrices()}
        >
          Use bundled table
        </button>
        <input
          ref={picker}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Price file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ''; // choosing the same file again must fire again
            if (file) void loadPriceFile(file);
          }}
        />
      </div>
      {error && (
        <div className="settings-warning" role="alert">
          {error}
        </div>
      )}
      <div className="settings-hint">
        Accepts <code>@pydantic/genai-prices</code> data or LiteLLM&apos;s{' '}
        <code>model_prices_and_context_window.json</code>.
      </div>
    </section>
  );
}
