// One-key work through a list: ↑/↓ (or j/k) move between its items, and each screen maps
// other single keys to the focused item's actions. Items are the list's `[data-item]` elements.
import { useEffect, type RefObject } from 'react';
import { isShortcutEvent } from '../shell/keys';

export function useListKeys(
  list: RefObject<HTMLElement | null>,
  actions: Record<string, (item: HTMLElement) => void>,
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isShortcutEvent(event) || list.current === null) return;
      const items = [...list.current.querySelectorAll<HTMLElement>('[data-item]')];
      if (items.length === 0) return;
      const at = items.findIndex((i) => i === document.activeElement);
      const move = (to: number): void => {
        event.preventDefault();
        items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
      };
      if (event.key === 'ArrowDown' || event.key === 'j') return move(at + 1);
      if (event.key === 'ArrowUp' || event.key === 'k') return move(at <= 0 ? 0 : at - 1);
      const action = actions[event.key];
      const item = items[at];
      if (action !== undefined && item !== undefined) {
        event.preventDefault();
        action(item);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list, actions]);
}
