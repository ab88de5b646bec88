// The renderer's only way to core: the typed Bridge over whichever raw bridge the shell
// provides (Electron's preload, or the headless shell's HTTP + WebSocket).
import type { Bridge, RawBridge } from '../../src-shared/ipc/contract';
import { connectHeadless } from './headless-bridge';

declare global {
  interface Window {
    porchlight?: RawBridge;
  }
}

export function typed(raw: RawBridge): Bridge {
  return {
    invoke: (name, args) => raw.invoke(name, args) as never,
    on: (name, listener) => raw.on(name, listener as (payload: unknown) => void),
  };
}

export function createBridge(): Bridge {
  return typed(window.porchlight ?? connectHeadless(window.location));
}
