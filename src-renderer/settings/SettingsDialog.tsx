// Settings: the channels a brokerage connects (email, texts, AI). Secrets go straight to the
// secret store and never come back to the screen; the dialog shows only whether one is saved.
import { useCallback, useEffect, useState } from 'react';
import { useBridge } from '../bridge/context';
import { Dialog } from '../shell/Dialog';
import { AiSection } from './AiSection';
import { EmailSection } from './EmailSection';
import { SmsSection } from './SmsSection';
import { TeamSection } from './TeamSection';

const tabs = [
  ['email', 'Email'],
  ['sms', 'Text messages'],
  ['ai', 'AI'],
  ['team', 'Team'],
] as const;
type Tab = (typeof tabs)[number][0];

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const bridge = useBridge();
  const [tab, setTab] = useState<Tab>('email');
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const refreshSaved = useCallback(() => {
    void bridge.invoke('channels-secrets-names', {}).then((r) => setSaved(new Set(r.names)));
  }, [bridge]);
  useEffect(refreshSaved, [refreshSaved]);

  return (
    <Dialog label="Settings" onClose={onClose}>
      <h2>Settings</h2>
      <div className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'email' ? <EmailSection saved={saved} /> : null}
      {tab === 'sms' ? <SmsSection saved={saved} onSaved={refreshSaved} /> : null}
      {tab === 'ai' ? <AiSection saved={saved} onSaved={refreshSaved} /> : null}
      {tab === 'team' ? <TeamSection /> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
