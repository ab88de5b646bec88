// The desktop renderer is served from `app://porchlight/`, a privileged scheme of our own, not
// from file:// (Electron's security checklist): the page's origin is its own, it cannot read
// other files, and each response carries the CSP as a header (frame-ancestors works only so).
// Only files inside the built renderer folder are served; `..` and encoded escapes are refused.
import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CSP_HEADER } from '../../src-shared/security/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'porchlight';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type AppFile =
  { ok: true; path: string; headers: Record<string, string> } | { ok: false; status: 400 | 404 };

/** Which file of `rendererRoot` answers `requestUrl`, and the headers it is sent with. */
export function resolveAppFile(requestUrl: string, rendererRoot: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = normalize(rendererRoot);
  const path = normalize(join(root, relative));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep) || relative.includes('\0'))
    return { ok: false, status: 404 };
  return { ok: true, path, headers: appResponseHeaders(path) };
}

/** Every page and asset of ours: its type, the CSP, no framing, no sniffing. */
export function appResponseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': RENDERER_CSP_HEADER,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * The CSP for a response in the development build (the dev server's pages, loaded over http):
 * added to the headers Electron's session received, replacing any the server sent.
 */
export function withContentSecurityPolicy(
  url: string,
  rendererUrl: string,
  headers: Record<string, string[]>,
  policy: string,
): Record<string, string[]> {
  if (!isSameApp(url, rendererUrl)) return headers;
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  );
  return { ...kept, 'Content-Security-Policy': [policy] };
}

/** Whether `url` belongs to the page at `rendererUrl` (same scheme and host; file: same file). */
export function isSameApp(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
    // Node's URL gives custom schemes an opaque origin, so scheme and host are compared.
    return target.protocol === own.protocol && target.host === own.host;
  } catch {
    return false;
  }
}
