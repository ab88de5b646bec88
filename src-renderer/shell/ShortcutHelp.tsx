// `?` lists every shortcut: the shell's own, the `g` keys of the screens, and the current
// screen's. The shell's key handling lives here too (`g` then a screen's key goes there).
import { useEffect, useState } from 'react';
import type { Screen, Shortcut } from '../screens/screen';
import { Dialog } from './Dialog';
import { isShortcutEvent } from './keys';
import { navigate } from './router';

const shellShortcuts: readonly Shortcut[] = [
  { keys: '?', does: 'Show this list' },
  { keys: 'Esc', does: 'Close a dialog or menu' },
];

export function ShortcutHelp({ screens, current }: { screens: readonly Screen[]; current: Screen | null }) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let awaitingGo = false;
    const onKey = (event: KeyboardEvent): void => {
      if (!isShortcutEvent(event)) return;
      if (awaitingGo) {
        awaitingGo = false;
        const target = screens.find((s) => s.goKey === event.key);
        if (target !== undefined) {
          event.preventDefault();
          navigate(target.path);
        }
      } else if (event.key === 'g') {
        awaitingGo = true;
      } else if (event.key === '?') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screens]);

  if (!open) return null;
  const goes = screens
    .filter((s) => s.goKey !== undefined)
    .map((s) => ({ keys: `g ${s.goKey ?? ''}`, does: `Go to ${s.nav ?? s.title}` }));
  const sections: [string, readonly Shortcut[]][] = [
    ['Everywhere', [...shellShortcuts, ...goes]],
    ...(current?.shortcuts !== undefined
      ? [[`On ${current.title}`, current.shortcuts] as [string, readonly Shortcut[]]]
      : []),
  ];
  return (
    <Dialog label="Keyboard shortcuts" onClose={() => setOpen(false)} className="shortcuts">
      <h2>Keyboard shortcuts</h2>
      {sections.map(([title, list]) => (
        <section key={title}>
          <h3>{title}</h3>
          <dl>
            {list.map((s) => (
              <div key={s.keys} className="shortcut">
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
