// The app shell: top bar with the navigation (built from screens/index.ts), what needs the
// agent now, the demo banner, the current screen, the shortcut list and notifications.
import { useEffect } from 'react';
import { PorchlightError } from '../src-shared/ipc/errors';
import { messageOf, useContractInvalidation, useContractQuery } from './bridge/query';
import { screens } from './screens';
import { AttentionStrip } from './shell/AttentionStrip';
import { DemoBanner } from './shell/DemoBanner';
import { FirstRunPill } from './shell/FirstRunPill';
import { Nav } from './shell/Nav';
import { hrefOf, matchPath, navigate, usePath } from './shell/router';
import { ShortcutHelp } from './shell/ShortcutHelp';
import { Toasts } from './shell/Toasts';

function useRoute() {
  const path = usePath();
  for (const screen of screens) {
    const params = matchPath(screen.path, path);
    if (params !== null) return { path, screen, params };
  }
  return { path, screen: null, params: {} };
}

export function App() {
  useContractInvalidation();
  const { path, screen, params } = useRoute();
  const info = useContractQuery('app-info', {});
  const home = screens[0]?.path ?? '/leads';

  useEffect(() => {
    if (path === '/') navigate(home, { replace: true });
  }, [path, home]);
  useEffect(() => {
    if (screen !== null && screen.path !== '/leads/:id') document.title = `${screen.title} · Porchlight`;
  }, [screen]);

  // Nothing else asks core before it answered once: a refused access key is said once, here.
  if (info.error instanceof PorchlightError && info.error.code === 'unauthorized')
    return (
      <main className="screen-message access" role="alert">
        <h1>Porchlight needs its access key</h1>
        <p>{info.error.message}</p>
      </main>
    );
  if (info.isPending) return <p className="screen-message">Opening Porchlight…</p>;

  const Screen = screen?.component;
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          <span className="logo" aria-hidden="true">
            ◉
          </span>{' '}
          Porchlight
        </h1>
        <Nav screens={screens} path={path} />
        <AttentionStrip />
        <FirstRunPill current={path === '/start'} />
        <a
          className="settings-link"
          href={hrefOf('/settings')}
          aria-current={path.startsWith('/settings') ? 'page' : undefined}
        >
          Settings
        </a>
      </header>
      <DemoBanner />
      {info.isError ? (
        <p className="banner error" role="alert">
          {messageOf(info.error)} <button onClick={() => void info.refetch()}>Try again</button>
        </p>
      ) : null}
      <main className="screen">
        {Screen !== undefined ? (
          <Screen key={screen?.path} params={params} />
        ) : (
          <p className="screen-message">
            There is no screen at this address. <a href={`#${home}`}>Go to the leads</a>
          </p>
        )}
      </main>
      <ShortcutHelp screens={screens} current={screen} />
      <Toasts />
    </div>
  );
}
