// The one place both shells connect core to the outside world: the notifier the shell brings,
// plus every provider that is configured (settings in the store, secrets in the SecretStore).
// Email and Twilio are connected live (adapters/live-channels.ts): changing their settings or
// keys reconnects them in place, and messages waiting for them go out. AI reads its settings
// and key on every call. Nothing here needs a restart. What this adds to the context (the AI,
// the connection board, the test senders) is returned, and boot builds the context with it.
import type { ChannelBase, ChannelWiring } from '../core/boot';
import { aiSettingsSource } from '../core/ai/settings';
import { ConnectionBoard } from '../core/channels/connections';
import type { ChannelTesters } from '../core/ports/channel-tester';
import type { Notifier } from '../core/ports/channels';
import type { LiveChannelOptions } from './live-channels';
import { LiveChannels } from './live-channels';
import { createOpenAiAdapter } from './openai';

export interface ShellChannels {
  notifier: Notifier;
}

export function connectChannels(
  base: ChannelBase,
  shell: ShellChannels,
  options: LiveChannelOptions = {},
): ChannelWiring {
  const connections = new ConnectionBoard(base);
  const { secrets } = base;
  if (secrets === undefined)
    return {
      connections,
      start: () => Promise.resolve({ ports: { notifier: shell.notifier }, stop: () => Promise.resolve() }),
    };
  // One record for the context's whole life; the live channels keep it to what is connected.
  const channelTesters: ChannelTesters = {};
  return {
    ai: createOpenAiAdapter({ settings: aiSettingsSource(base.db), secrets, clock: base.clock }),
    connections,
    channelTesters,
    async start(ctx) {
      const live = new LiveChannels(ctx, secrets, connections, channelTesters, options);
      await live.start();
      return {
        ports: { notifier: shell.notifier, ...live.ports() },
        attach: (engine) => live.attach(engine),
        stop: () => live.stop(),
      };
    },
  };
}
