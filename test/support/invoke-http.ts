// Calls the headless shell's contract over HTTP, exactly as the renderer does.
import type { HandlerArgs, HandlerName, HandlerResult } from '../../src-shared/ipc/contract';

export function httpInvoker(url: string) {
  const parsed = new URL(url);
  const token = parsed.hash.replace(/^#token=/, '');
  return async <K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<HandlerResult<K>> => {
    const response = await fetch(`${parsed.origin}/api/invoke/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? response.status}`);
    return body.result as HandlerResult<K>;
  };
}
