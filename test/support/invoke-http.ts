// Calls the headless shell's contract over HTTP, exactly as the renderer does: the printed
// one-time address is opened once for the session cookie, which every call then carries
// with our own Origin. One exchange per address, shared by every caller in this process.
import type { HandlerArgs, HandlerName, HandlerResult } from '../../src-shared/ipc/contract';

const sessions = new Map<string, Promise<string>>();

/** The session cookie (`porchlight_session=…`) for a printed address, exchanged once. */
export function sessionCookieFor(url: string): Promise<string> {
  let cookie = sessions.get(url);
  if (cookie === undefined) {
    cookie = fetch(url, { redirect: 'manual' }).then((response) => {
      const value = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      if (!value.startsWith('porchlight_session=')) throw new Error(`${url} gave no session cookie`);
      return value;
    });
    sessions.set(url, cookie);
  }
  return cookie;
}

export function httpInvoker(url: string) {
  const { origin } = new URL(url);
  return async <K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<HandlerResult<K>> => {
    const response = await fetch(`${origin}/api/invoke/${name}`, {
      method: 'POST',
      headers: { cookie: await sessionCookieFor(url), origin, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? response.status}`);
    return body.result as HandlerResult<K>;
  };
}
