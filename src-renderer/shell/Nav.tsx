// The navigation bar, built from the screen list: one link per screen that has a `nav` label.
import type { Screen } from '../screens/screen';
import { hrefOf, matchPath } from './router';

export function Nav({ screens, path }: { screens: readonly Screen[]; path: string }) {
  return (
    <nav className="main-nav" aria-label="Screens">
      {screens
        .filter((screen) => screen.nav !== undefined)
        .map((screen) => {
          // A screen is current on its own path and on the paths under it (/leads/abc).
          const current = matchPath(screen.path, path) !== null || path.startsWith(`${screen.path}/`);
          return (
            <a
              key={screen.path}
              href={hrefOf(screen.path)}
              aria-current={current ? 'page' : undefined}
              title={screen.goKey !== undefined ? `${screen.nav} (g ${screen.goKey})` : screen.nav}
            >
              {screen.nav}
            </a>
          );
        })}
    </nav>
  );
}
