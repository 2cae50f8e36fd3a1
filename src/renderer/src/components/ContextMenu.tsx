// A small right-click menu at the pointer: kept inside the window, closed by Esc, a click
// elsewhere, scrolling or blur; arrow keys move between items.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import './dialog.css';

export interface ContextMenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Why the item is disabled, shown as its tooltip. */
  hint?: string;
}

export function ContextMenu({
  x,
  y,
  items,
  onClose,
  heading,
}: {
  x: number;
  y: number;
  items: ContextMenuItem[];
  onClose: () => void;
  /** What picking an item does, shown above the items and naming the menu. */
  heading?: string;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    setPosition({
      left: Math.max(0, Math.min(x, innerWidth - box.width - 4)),
      top: Math.max(0, Math.min(y, innerHeight - box.height - 4)),
    });
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [x, y]);
  useEffect(() => {
    const close = (event: Event) => {
      if (event.type === 'mousedown' && menu.current?.contains(event.target as Node)) return;
      onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('mousedown', close, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('mousedown', close, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const next = entries[(at + (event.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length];
    next?.focus();
  };

  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={heading}
      style={position}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {heading && (
        <div className="context-menu-heading" aria-hidden="true">
          {heading}
        </div>
      )}
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className="context-menu-item"
          aria-disabled={item.disabled || undefined}
          title={item.disabled ? item.hint : undefined}
          onClick={() => {
            if (item.disabled) return;
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
