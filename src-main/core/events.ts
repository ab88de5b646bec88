// Core's typed event bus, in mitt's shape: `on(name, cb)` hands the listener that event's
// payload type from the contract, and `on('*', cb)` hears every event with its name, which is
// how each shell forwards events to its windows (Electron) or sockets (headless) without knowing
// what they mean. Both return the unsubscribe function.
import type { EventName, EventPayloads } from '../../src-shared/ipc/contract';

/** One event as the catch-all sees it, `[name, payload]`: checking the name narrows the payload. */
export type AnyEvent = { [E in EventName]: [name: E, payload: EventPayloads[E]] }[EventName];
type AnyListener = (...event: AnyEvent) => void;
type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

export class CoreEvents {
  private readonly named = new Map<EventName, Set<(payload: never) => void>>();
  private readonly everything = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const listener of this.named.get(name) ?? []) (listener as Listener<E>)(payload);
    for (const listener of this.everything) listener(...([name, payload] as AnyEvent));
  }

  on(name: '*', listener: AnyListener): () => void;
  on<E extends EventName>(name: E, listener: Listener<E>): () => void;
  on<E extends EventName>(name: E | '*', listener: Listener<E> | AnyListener): () => void {
    if (name === '*') {
      const any = listener as AnyListener;
      this.everything.add(any);
      return () => this.everything.delete(any);
    }
    const listeners = this.named.get(name) ?? new Set();
    this.named.set(name, listeners);
    const one = listener as Listener<E>;
    listeners.add(one);
    return () => listeners.delete(one);
  }
}
