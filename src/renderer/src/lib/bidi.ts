// Names come from the traced program and may hold Unicode direction controls: a tool called
// "invoice\u202Egpj.exe" would display as "invoiceexe.jpg". Names are shown with each control
// spelled out (⟨RLO⟩), so what is displayed is what was recorded. Applied where names enter
// the UI (api/), so every view, canvas or DOM, gets the same text. Pure.

const NAMES: Record<string, string> = {
  '\u061C': 'ALM',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};
const CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function showBidiControls(text: string): string {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text) ? text.replace(CONTROLS, (c) => `⟨${NAMES[c]}⟩`) : text;
}

/** The same object when its name needs nothing, else a copy with the name made visible. */
export function withVisibleName<T extends { name: string }>(item: T): T {
  const name = showBidiControls(item.name);
  return name === item.name ? item : { ...item, name };
}
