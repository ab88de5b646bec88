// A modal dialog that behaves: focus moves into it, Tab and Shift+Tab stay inside it, Esc
// closes it from anywhere within (even after a refused save moved focus), and focus returns
// to what was focused before it opened.
import { useEffect, useRef, type ReactNode } from 'react';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  label: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Render as a form (Enter submits). */
  onSubmit?: () => void;
}

export function Dialog({ label, onClose, children, className, onSubmit }: DialogProps) {
  const box = useRef<HTMLFormElement & HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = box.current;
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(focusable);
    (first ?? root)?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (root === null) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        closeRef.current();
      } else if (event.key === 'Tab') {
        const items = [...root.querySelectorAll<HTMLElement>(focusable)].filter(
          (e) => e.offsetParent !== null,
        );
        const head = items[0];
        const tail = items[items.length - 1];
        if (head === undefined || tail === undefined) return;
        const inside = root.contains(document.activeElement);
        if (event.shiftKey && (document.activeElement === head || !inside)) {
          event.preventDefault();
          tail.focus();
        } else if (!event.shiftKey && (document.activeElement === tail || !inside)) {
          event.preventDefault();
          head.focus();
        }
      }
    };
    // On the document, so Esc and Tab work even when focus fell to the body.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener?.isConnected === true) opener.focus();
    };
  }, []);

  const props = {
    ref: box,
    className: `dialog ${className ?? ''}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-label': label,
    tabIndex: -1,
  } as const;
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {onSubmit !== undefined ? (
        <form
          {...props}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div {...props}>{children}</div>
      )}
    </div>
  );
}
