// The divider between two panes. Dragging reports the new size of the pane it belongs to;
// `side` says which way growth goes (a right-hand pane grows as the pointer moves left).
import { useRef } from 'react';

export interface ResizeHandleProps {
  size: number;
  side: 'left' | 'right';
  min: number;
  max: number;
  onResize: (px: number) => void;
  label: string;
}

export function ResizeHandle({ size, side, min, max, onResize, label }: ResizeHandleProps) {
  const drag = useRef<{ startX: number; startSize: number } | null>(null);
  const clamp = (px: number) => Math.max(min, Math.min(max, px));
  return (
    <div
      className="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(size)}
      tabIndex={-1}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startSize: size };
        document.body.classList.add('is-resizing');
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        const delta = event.clientX - drag.current.startX;
        onResize(clamp(drag.current.startSize + (side === 'left' ? delta : -delta)));
      }}
      onPointerUp={() => {
        drag.current = null;
        document.body.classList.remove('is-resizing');
      }}
      onDoubleClick={() => onResize(clamp((min + max) / 2))}
    />
  );
}
