// Tabs for the trace views, plus the outline column's toggle (remembered per tab). Keys 1–4
// switch tabs too.
import { toggleOutline } from '../state/preferences.ts';
import { TRACE_TABS, type TraceTab } from '../state/urlState.ts';
import { selectTab } from '../state/selection.ts';

export const SPAN_TAB_LABEL: Record<TraceTab, string> = {
  waterfall: 'Waterfall',
  flame: 'Flame graph',
  tree: 'Tree',
  transcript: 'Transcript',
};

export function TraceTabs({ active, outlineVisible }: { active: TraceTab; outlineVisible: boolean }) {
  return (
    <div className="tabs" role="tablist" aria-label="Trace views">
      <button
        type="button"
        className={`icon-button outline-toggle${outlineVisible ? ' active' : ''}`}
        aria-pressed={outlineVisible}
        title={outlineVisible ? 'Hide outline (O)' : 'Show outline (O)'}
        onClick={() => toggleOutline(active)}
      >
        ☰
      </button>
      {TRACE_TABS.map((tab, index) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={tab === active}
          className={`tab${tab === active ? ' active' : ''}`}
          title={`${SPAN_TAB_LABEL[tab]} (${index + 1})`}
          onClick={() => selectTab(tab)}
        >
          {SPAN_TAB_LABEL[tab]}
        </button>
      ))}
    </div>
  );
}
