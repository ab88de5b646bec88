import { createContext, useContext, useEffect } from 'react';
import type { Bridge, EventName, EventPayloads } from '../../src-shared/ipc/contract';

export const BridgeContext = createContext<Bridge | null>(null);

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (bridge === null) throw new Error('useBridge outside BridgeContext.Provider');
  return bridge;
}

/** Subscribes to a core event for the component's lifetime. */
export function useCoreEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayloads[E]) => void,
): void {
  const bridge = useBridge();
  useEffect(() => bridge.on(name, listener), [bridge, name, listener]);
}
