// The box a canvas view draws in (waterfall, flame graph, tree graph): it takes the keys, fills
// the space under the view's toolbar, clips what is drawn, and keeps its focus ring inside its own
// edge, where the panes beside it cannot cover it.
import type { HTMLAttributes, ReactNode, Ref } from 'react';

interface CanvasViewBodyProps extends Omit<HTMLAttributes<HTMLDivElement>, 'style' | 'tabIndex'> {
  /** The element the view measures (useViewSize) and focuses. */
  bodyRef: Ref<HTMLDivElement>;
  /** What the view shows, for screen readers: the box is a focus stop of its own. */
  'aria-label': string;
  children: ReactNode;
}

const BODY_STYLE = {
  position: 'relative',
  flex: '1 1 auto',
  minHeight: 0,
  overflow: 'hidden',
  outlineOffset: -2,
} as const;

export function CanvasViewBody({ bodyRef, children, ...rest }: CanvasViewBodyProps) {
  return (
    <div ref={bodyRef} tabIndex={0} style={BODY_STYLE} {...rest}>
      {children}
    </div>
  );
}
