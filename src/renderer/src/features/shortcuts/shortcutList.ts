// Every keyboard shortcut, as shown in the "?" overlay. The handlers live in useGlobalShortcuts
// (window-wide) and in the lists themselves (arrow keys while a list has focus).
export interface ShortcutGroup {
  title: string;
  keys: [keys: string[], what: string][];
}

export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Anywhere',
    keys: [
      [['/'], 'Search (spans when a trace is open, else traces)'],
      [['Esc'], 'Clear the search and go back to the view / close this overlay'],
      [['?'], 'Show or hide these shortcuts'],
      [['1', '2', '3', '4'], 'Waterfall, Flame graph, Tree, Transcript'],
      [['O'], 'Show or hide the outline (remembered per view)'],
      [['L'], 'Focus the trace list'],
      [['['], 'Hide or show the trace list'],
      [['T'], 'Switch dark / light theme'],
    ],
  },
  {
    title: 'Trace list',
    keys: [
      [['↑', '↓'], 'Previous / next trace'],
      [['Enter'], 'Move into the trace’s span tree'],
    ],
  },
  {
    title: 'Outline',
    keys: [
      [['↑', '↓'], 'Previous / next span'],
      [['→'], 'Expand, then go to the first child'],
      [['←'], 'Collapse, then go to the parent'],
      [['Enter'], 'Open the span in the inspector'],
      [['Home', 'End'], 'First / last span'],
    ],
  },
  {
    title: 'Waterfall',
    keys: [
      [['Wheel'], 'Scroll rows (sideways: pan); in Settings, “Wheel zooms” swaps this'],
      [['Shift', 'Wheel'], 'Pan along the time axis'],
      [['Ctrl/⌘', 'Wheel'], 'Zoom at the pointer (also a trackpad pinch)'],
      [['W', 'S'], 'Zoom in / out'],
      [['A', 'D'], 'Pan left / right'],
      [['F'], 'Zoom to the selected span'],
      [['0'], 'Show the whole trace'],
    ],
  },
  {
    title: 'Playback (Replay)',
    keys: [
      [['Space'], 'Play / pause'],
      [['←', '→'], 'Move the playhead a little'],
      [['Shift', '←'], 'Previous span start or end'],
      [['Shift', '→'], 'Next span start or end'],
      [['Shift', 'Home'], 'Start of the recording'],
      [['Shift', 'End'], 'End of the recording'],
      [['<', '>'], 'Slower / faster'],
      [['Esc'], 'Leave playback'],
    ],
  },
  {
    title: 'Compare',
    keys: [
      [['↑', '↓'], 'Previous / next step'],
      [['N'], 'Next change'],
      [['P'], 'Previous change'],
      [['Home', 'End'], 'First / last step'],
    ],
  },
  {
    title: 'Search boxes',
    keys: [
      [['Enter'], 'Next match'],
      [['Shift', 'Enter'], 'Previous match'],
    ],
  },
];
