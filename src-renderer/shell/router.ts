// A small hash router: every screen has its own address (`#/leads/abc`), so the browser's
// back and forward buttons work in the headless shell and in Electron alike (a file:// page
// cannot use the History API's paths). Patterns are literal segments and `:name` parameters.
import { useSyncExternalStore } from 'react';

export type RouteParams = Record<string, string>;

function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The path after `#`, without its query (`/leads/abc`). */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath).split('?')[0] ?? '/';
}

/** The query part of the hash (`#/leads?view=hot` gives view=hot). */
export function useHashQuery(): URLSearchParams {
  const full = useSyncExternalStore(subscribe, currentPath);
  return new URLSearchParams(full.split('?')[1] ?? '');
}

/** Goes to a path; `replace` keeps the history entry (for redirects and filters). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${path}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = path;
}

/** The parameters when `path` fits `pattern` (`/leads/:id`), else null. */
export function matchPath(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? '';
    const value = have[i] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return null;
  }
  return params;
}

/** An address for an `<a href>`. */
export function hrefOf(path: string): string {
  return `#${path}`;
}
