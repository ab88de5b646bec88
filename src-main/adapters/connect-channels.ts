// The one place both shells connect core to the outside world: the notifier the shell brings,
// plus every provider that is configured (settings in the store, secrets in the SecretStore).
// Email and Twilio are connected live (adapters/live-channels.ts): changing their settings or
// keys reconnects them in place, and messages waiting for them go out. AI reads its settings
// and key on every call. Nothing here needs a restart.
import type { ConnectedChannels } from '../core/boot';
import { aiSettingsSource } from '../core/ai/settings';
import { ConnectionBoard } from '../core/channels/connections';
import type { CoreContext } from '../core/context';
import type { Notifier } from '../core/ports/channels';
import type { LiveChannelOptions } from './live-channels';
import { LiveChannels } from './live-channels';
import { createOpenAiAdapter } from './openai';

export interface ShellChannels {
  notifier: Notifier;
}

export async function connectChannels(
  ctx: CoreContext,
  shell: ShellChannels,
  options: LiveChannelOptions = {},
): Promise<ConnectedChannels> {
  const board = new ConnectionBoard(ctx);
  ctx.connections = board;
  if (ctx.secrets === undefined)
    return { ports: { notifier: shell.notifier }, stop: () => Promise.resolve() };
  ctx.ai = createOpenAiAdapter({
    settings: aiSettingsSource(ctx.db),
    secrets: ctx.secrets,
    clock: ctx.clock,
  });
  const live = new LiveChannels(ctx, ctx.secrets, board, options);
  await live.start();
  return {
    ports: { notifier: shell.notifier, ...live.ports() },
    attach: (engine) => live.attach(engine),
    stop: () => live.stop(),
  };
}
