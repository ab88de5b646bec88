// The headless shell's browser session. The address the shell prints carries a one-time token
// (`/?token=…`); the first visit exchanges it for a random session id in an HttpOnly,
// SameSite=Strict cookie and is redirected to `/`, so the token is spent and no longer in the
// address bar. Script in the page cannot read the cookie; another site cannot send it. Every
// session ends when the shell stops (ids live in memory only).
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'porchlight_session';
/** Long enough that reopening the browser keeps working while the shell runs. */
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

export function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (given === undefined || given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class HeadlessSessions {
  private spent = false;
  private readonly ids = new Set<string>();

  constructor(private readonly token: string) {}

  /** Exchanges the printed token for a new session id, once; undefined when wrong or spent. */
  exchange(given: string | null | undefined): string | undefined {
    if (this.spent || !sameSecret(given, this.token)) return undefined;
    this.spent = true;
    const id = randomBytes(32).toString('base64url');
    this.ids.add(id);
    return id;
  }

  isValid(id: string | undefined): boolean {
    if (id === undefined) return false;
    for (const known of this.ids) if (sameSecret(id, known)) return true;
    return false;
  }
}

export function sessionCookieHeader(id: string): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_S}`;
}

/** The session id in a Cookie header, if any. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * Whether a request comes from our own page: a browser names the page's origin (Origin) or
 * its relation to us (Sec-Fetch-Site) on every request that could change something. A
 * request with neither is not from a browser page (a script on this machine holding the
 * session cookie), which the cookie alone admits.
 */
export function isOwnOrigin(
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  allowedHosts: ReadonlySet<string>,
): boolean {
  if (headers.secFetchSite !== undefined && headers.secFetchSite !== 'same-origin') return false;
  if (headers.origin === undefined) return true;
  return [...allowedHosts].some((host) => headers.origin === `http://${host}`);
}
