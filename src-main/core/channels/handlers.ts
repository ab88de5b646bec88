// The channels feature: Twilio settings, the secrets (write-only from the UI: names come
// back, values never), and "send a test message to me" through a connected provider.
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { ChannelConnections, ChannelTestResult, TwilioSettings } from '../../../src-shared/ipc/channels';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import type { SecretStore } from '../ports/secret-store';
import { CHANNEL_SETTINGS_SECTION } from '../engine/channel-choice';
import { ConnectionBoard } from './connections';
import { readTwilioSettings, writeTwilioSettings } from './twilio-settings';

export function channelHandlers(ctx: CoreContext) {
  function secrets(): SecretStore {
    if (ctx.secrets === undefined)
      throw new PorchlightError(
        'unavailable',
        'This Porchlight has no secret store; keys cannot be kept here.',
      );
    return ctx.secrets;
  }

  async function secretsChange(change: () => Promise<void>) {
    try {
      await change();
    } catch (error) {
      // Secret stores' errors name the secret and the file, never the value.
      const message = error instanceof Error ? error.message : 'the secret store failed';
      throw new PorchlightError('unavailable', message);
    }
    ctx.events.emit('channels-changed', {});
    return { names: await secrets().names() };
  }

  return {
    'channels-twilio-settings-get': (
      _args: ValidArgs<'channels-twilio-settings-get'>,
    ): Promise<TwilioSettings> => readTwilioSettings(ctx),
    'channels-twilio-settings-set': async (
      args: ValidArgs<'channels-twilio-settings-set'>,
    ): Promise<TwilioSettings> => {
      const { clear, ...patch } = args;
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      return writeTwilioSettings(ctx, defined, clear);
    },
    'channels-secrets-names': async (_args: ValidArgs<'channels-secrets-names'>) => ({
      names: await secrets().names(),
    }),
    'channels-secrets-set': (args: ValidArgs<'channels-secrets-set'>) =>
      secretsChange(() => secrets().set(args.name, args.value)),
    'channels-secrets-delete': (args: ValidArgs<'channels-secrets-delete'>) =>
      secretsChange(() => secrets().delete(args.name)),
    'channels-test': async (args: ValidArgs<'channels-test'>): Promise<ChannelTestResult> => {
      const tester = ctx.channelTesters?.[args.channel];
      if (tester === undefined)
        throw new PorchlightError(
          'unavailable',
          `${args.channel} is not connected: set the provider's keys and sender in ${CHANNEL_SETTINGS_SECTION[args.channel]}; it connects as soon as they are saved.`,
        );
      return tester(args.to);
    },
    'channels-status': (_args: ValidArgs<'channels-status'>): Promise<ChannelConnections> =>
      Promise.resolve((ctx.connections ?? new ConnectionBoard(ctx)).view()),
  };
}

export type ChannelHandlers = ReturnType<typeof channelHandlers>;
