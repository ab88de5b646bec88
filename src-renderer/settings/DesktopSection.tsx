// Settings → Desktop: whether Porchlight opens when you log in (off until you choose it) and
// whether closing the window keeps it running in the tray, so follow-ups still go out. These
// belong to this computer and never go to the team. The browser version says they do not apply.
import { useEffect, useState } from 'react';
import type { DesktopSettings, DesktopSettingsView } from '../../src-shared/ipc/desktop';
import { useBridge } from '../bridge/context';
import { OutcomeLine, outcomeOf, type Outcome } from './fields';

const switches: readonly (readonly ['startAtLogin' | 'closeToTray', string])[] = [
  ['startAtLogin', 'Open Porchlight when I log in (in the tray, without a window)'],
  ['closeToTray', 'Closing the window keeps Porchlight running in the tray, so follow-ups still go out'],
];

export function DesktopSection() {
  const bridge = useBridge();
  const [view, setView] = useState<DesktopSettingsView | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void bridge.invoke('desktop-settings-get', {}).then(setView);
    return bridge.on('desktop-settings-changed', setView);
  }, [bridge]);
  if (view === null) return <p>Loading…</p>;
  if (!view.available)
    return (
      <section aria-label="Desktop">
        <p>
          These settings belong to the desktop app (start at login, keep running in the tray). This is the
          browser version: it runs as long as its process does.
        </p>
      </section>
    );

  const change = async (patch: Partial<DesktopSettings>): Promise<void> => {
    try {
      setView(await bridge.invoke('desktop-settings-set', patch));
      setOutcome({ ok: true, text: 'Saved.' });
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  };
  return (
    <section aria-label="Desktop">
      {switches.map(([name, label]) => (
        <label key={name} className="check">
          <input
            type="checkbox"
            name={name}
            checked={view[name]}
            onChange={(e) => void change({ [name]: e.target.checked })}
          />
          {label}
        </label>
      ))}
      {outcome !== null ? <OutcomeLine outcome={outcome} /> : null}
    </section>
  );
}
