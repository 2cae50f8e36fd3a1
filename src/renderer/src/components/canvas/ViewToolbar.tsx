// A thin toolbar strip for the canvas views: toggle buttons, plain buttons, a readout, a hint.
// Shared by the waterfall, flame graph and tree graph so the three look alike.
import type { CSSProperties, ReactNode } from 'react';

const bar: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  flexWrap: 'wrap',
  rowGap: 4,
  gap: 6,
  minHeight: 32,
  padding: '4px 8px',
  borderBottom: '1px solid var(--border)',
  background: 'var(--bg-panel)',
  fontSize: 12,
  flex: 'none',
  whiteSpace: 'nowrap',
};

const button: CSSProperties = {
  font: 'inherit',
  fontSize: 12,
  height: 22,
  padding: '0 8px',
  borderRadius: 4,
  border: '1px solid var(--border)',
  background: 'var(--bg-elevated)',
  color: 'var(--fg)',
  cursor: 'pointer',
};

const pressed: CSSProperties = {
  ...button,
  background: 'var(--bg-selected)',
  // The shorthand again, never borderColor alone: React drops a removed longhand without
  // re-applying the shorthand, which left toggled-off buttons with a white border.
  border: '1px solid var(--accent)',
  color: 'var(--fg)',
};

export function ViewToolbar({ children }: { children: ReactNode }) {
  return (
    <div style={bar} role="toolbar">
      {children}
    </div>
  );
}

export function ToolbarButton(props: {
  label: string;
  title: string;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const { label, title, onClick, active, disabled, testId } = props;
  return (
    <button
      type="button"
      style={{ ...(active ? pressed : button), opacity: disabled ? 0.5 : 1 }}
      title={title}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {label}
    </button>
  );
}

export function ToolbarText({
  children,
  muted,
  grow,
  hint,
}: {
  children: ReactNode;
  muted?: boolean;
  grow?: boolean;
  hint?: boolean;
}) {
  return (
    <span
      // A key hint: layout.css hides it when the view is too narrow to keep the toolbar on one
      // line, rather than wrap the controls under it.
      className={hint ? 'toolbar-hint' : undefined}
      style={{
        color: muted ? 'var(--fg-faint)' : 'var(--fg-muted)',
        flex: grow ? '1 1 auto' : 'none',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
      }}
    >
      {children}
    </span>
  );
}

export function ToolbarSeparator() {
  return <span style={{ width: 1, height: 16, background: 'var(--border)', margin: '0 4px' }} />;
}
