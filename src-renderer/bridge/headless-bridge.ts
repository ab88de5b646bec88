// The headless shell's side of the contract: POST /api/invoke/:name and events over a
// WebSocket that reconnects. Both carry the session cookie the shell set when its printed
// address was opened (HttpOnly: script here never sees it), so nothing secret is kept in
// the page, its storage or its address.
import type { RawBridge } from '../../src-shared/ipc/contract';
import { isErrorPayload, PorchlightError } from '../../src-shared/ipc/errors';

export function connectHeadless(location: Location): RawBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Once a call is refused for want of a session, the socket would be refused too.
  let refused = false;

  const connect = (delay: number): void => {
    if (refused) return;
    const socket = new WebSocket(`ws://${location.host}/api/events`);
    socket.onmessage = (message) => {
      const { name, payload } = JSON.parse(String(message.data)) as { name: string; payload: unknown };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
    socket.onopen = () => (delay = 250);
    socket.onclose = () => setTimeout(() => connect(Math.min(delay * 2, 5_000)), delay);
  };
  connect(250);

  return {
    async invoke(name, args) {
      let response: Response;
      try {
        response = await fetch(`/api/invoke/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw new PorchlightError(
          'unavailable',
          'Porchlight is not reachable. Is the headless shell still running?',
        );
      }
      if (response.status === 401) {
        refused = true;
        throw new PorchlightError(
          'unauthorized',
          'This browser has no Porchlight session. Open the address the headless shell printed when it started (it ends in ?token=…). Each printed address works once; to sign in another browser, restart the shell for a new address.',
        );
      }
      const body = (await response.json()) as { ok: boolean; result?: unknown; error?: unknown };
      if (body.ok) return body.result;
      throw isErrorPayload(body.error)
        ? PorchlightError.fromPayload(body.error)
        : new PorchlightError('internal', `Unexpected answer from Porchlight (${response.status}).`);
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
}
