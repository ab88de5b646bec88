// Core's typed event bus. Features emit `*-changed` events; each shell forwards every event
// to its windows (Electron) or sockets (headless) without knowing what they mean.
import type { EventName, EventPayloads } from '../../src-shared/ipc/contract';

type Listener = (name: EventName, payload: EventPayloads[EventName]) => void;

export class CoreEvents {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
