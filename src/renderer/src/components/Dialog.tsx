// A modal dialog inside the window (never a browser popup): a backdrop, a titled panel, Esc and
// the close button close it, focus moves in on open and back to where it was on close.
import { useEffect, useRef, type ReactNode } from 'react';
import './dialog.css';

export interface DialogProps {
  title: ReactNode;
  /** Accessible name when the title is not plain text. */
  label: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons on the right of the footer. */
  footer?: ReactNode;
  className?: string;
  /** Clicking the backdrop closes (default) — off for editors where a stray click would lose work. */
  closeOnBackdrop?: boolean;
}

export function Dialog({
  title,
  label,
  onClose,
  children,
  footer,
  className,
  closeOnBackdrop = true,
}: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = panel.current?.querySelector<HTMLElement>(
      '[data-autofocus], input, textarea, select, button:not(.dialog-close)',
    );
    (first ?? panel.current)?.focus();
    return () => before?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose();
    };
    // Capture: the dialog's Esc must win over the window's own shortcuts underneath it.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => closeOnBackdrop && event.target === event.currentTarget && onClose()}
    >
      <div
        ref={panel}
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
      >
        <header className="dialog-head">
          <div className="dialog-title">{title}</div>
          <button
            type="button"
            className="icon-button dialog-close"
            title="Close (Esc)"
            aria-label="Close"
            onClick={onClose}
          >
            ✕
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-foot">{footer}</footer>}
      </div>
    </div>
  );
}
