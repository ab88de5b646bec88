// The headless shell's side of the contract: POST /api/invoke/:name with the per-run token,
// events over a WebSocket that reconnects. The token arrives once in the URL fragment and is
// kept in sessionStorage, so a reload keeps working and the address bar does not show it.
import type { RawBridge } from '../../src-shared/ipc/contract';
import { isErrorPayload, PorchlightError } from '../../src-shared/ipc/errors';

const TOKEN_KEY = 'porchlight.token';

function takeToken(location: Location): string {
  const match = /token=([^&]+)/.exec(location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function connectHeadless(location: Location): RawBridge {
  const token = takeToken(location);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = (delay: number): void => {
    // Without the access key the socket is refused every time; the screen says why instead.
    if (token === '') return;
    const socket = new WebSocket(`ws://${location.host}/api/events?token=${encodeURIComponent(token)}`);
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
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw new PorchlightError(
          'unavailable',
          'Porchlight is not reachable. Is the headless shell still running?',
        );
      }
      if (response.status === 401)
        throw new PorchlightError(
          'unauthorized',
          'This address has no access key. Open Porchlight from the address the headless shell printed when it started (it ends in #token=…).',
        );
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
