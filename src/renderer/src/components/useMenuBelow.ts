// A menu that opens under the button that was clicked (the header's "+N" tags, Export): where
// to put the ContextMenu, opening and closing it.
import { type MouseEvent, useState } from 'react';

export interface MenuBelow {
  /** Where the menu's top-left corner goes; null while it is closed. */
  at: { x: number; y: number } | null;
  /** A button's onClick: opens the menu under that button. */
  openBelow: (event: MouseEvent<HTMLElement>) => void;
  close: () => void;
}

export function useMenuBelow(): MenuBelow {
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  return {
    at,
    openBelow: (event) => {
      const box = event.currentTarget.getBoundingClientRect();
      setAt({ x: box.left, y: box.bottom + 2 });
    },
    close: () => setAt(null),
  };
}
