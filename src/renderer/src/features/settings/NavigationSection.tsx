// Settings: what the mouse wheel does over the waterfall and the tree graph. Applies at once,
// like the theme.
import { useStore } from '../../state/createStore.ts';
import { preferencesStore, setPreference, type WheelMode } from '../../state/preferences.ts';

const CHOICES: { mode: WheelMode; label: string; hint: string }[] = [
  {
    mode: 'scroll',
    label: 'Wheel scrolls',
    hint: 'As in Chrome DevTools: the wheel or two fingers scroll rows and pan; Ctrl/⌘+wheel or a pinch zooms.',
  },
  {
    mode: 'zoom',
    label: 'Wheel zooms',
    hint: 'Classic: the wheel zooms at the pointer; Shift+wheel scrolls rows; a sideways swipe pans.',
  },
];

export function NavigationSection() {
  const current = useStore(preferencesStore, (p) => p.wheelMode);
  return (
    <section className="settings-body settings-navigation" aria-label="Navigation">
      <h3>Navigation</h3>
      <div role="radiogroup" aria-label="Mouse wheel over the waterfall" className="settings-choices">
        {CHOICES.map(({ mode, label, hint }) => (
          <label key={mode} className="settings-choice">
            <input
              type="radio"
              name="wheel-mode"
              value={mode}
              checked={current === mode}
              onChange={() => setPreference('wheelMode', mode)}
            />
            <span>
              <span className="settings-choice-label">{label}</span>
              <span className="settings-hint"> — {hint}</span>
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}
