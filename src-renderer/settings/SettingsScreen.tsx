// Settings as one screen of named sections (`#/settings/<id>`): the list on the left, the
// chosen section on the right. Secrets go straight to the secret store and never come back to
// the screen; the sections see only which ones are saved.
import { useCallback, useEffect, useState } from 'react';
import { settingsPath, settingsSectionNames } from '../../src-shared/settings-sections';
import { useBridge } from '../bridge/context';
import { hrefOf, navigate, type RouteParams } from '../shell/router';
import { settingsSections } from './sections';
import './settings.css';

export function SettingsScreen({ params }: { params: RouteParams }) {
  const bridge = useBridge();
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const refreshSaved = useCallback(() => {
    void bridge.invoke('channels-secrets-names', {}).then((r) => setSaved(new Set(r.names)));
  }, [bridge]);
  useEffect(refreshSaved, [refreshSaved]);

  const first = settingsSections[0];
  const current = settingsSections.find((s) => s.id === params.section);
  useEffect(() => {
    if (current === undefined && first !== undefined) navigate(settingsPath(first.id), { replace: true });
  }, [current, first]);

  const Section = current?.component;
  return (
    <div className="settings-screen">
      <nav className="settings-nav" aria-label="Settings sections">
        <h2>Settings</h2>
        {settingsSections.map((section) => (
          <a
            key={section.id}
            href={hrefOf(settingsPath(section.id))}
            aria-current={section.id === current?.id ? 'page' : undefined}
          >
            {settingsSectionNames[section.id]}
          </a>
        ))}
        <a className="settings-guide" href={hrefOf('/start')}>
          Getting started guide
        </a>
      </nav>
      <div className="settings-body">
        {current !== undefined && Section !== undefined ? (
          <>
            <h3>{settingsSectionNames[current.id]}</h3>
            <Section key={current.id} saved={saved} onSaved={refreshSaved} />
          </>
        ) : null}
      </div>
    </div>
  );
}
