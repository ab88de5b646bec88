// Global shortcuts are single keys, so they must never fire while a person types or picks:
// inside an input, a select, a text area, an editable element, or an open dialog.
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('[role=dialog]') !== null) return true;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable
  );
}

/** True for a bare key press a screen may treat as a shortcut. */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  return !(
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    isTypingTarget(event.target) ||
    event.defaultPrevented
  );
}
