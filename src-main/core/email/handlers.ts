// The email feature: its settings (the CAN-SPAM postal address lives with the engine's sender
// settings, where the footer reads it, so it is written there) and the reply poller's state.
import type { EmailRepliesStatus, EmailSettingsView } from '../../../src-shared/ipc/email';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';
import { readEngineSettings, writeEngineSettings } from '../engine/settings';
import { liveRepliesStatus } from './replies-status';
import {
  readEmailSettings,
  readImapCheckpoint,
  repliesMissing,
  sendingMissing,
  writeEmailSettings,
} from './settings';

export function emailHandlers(ctx: CoreContext) {
  async function view(): Promise<EmailSettingsView> {
    const [{ settings }, engine] = await Promise.all([readEmailSettings(ctx), readEngineSettings(ctx.db)]);
    const physicalAddress = engine.sender.physicalAddress;
    return {
      settings,
      physicalAddress,
      sendingMissing: [
        ...sendingMissing(settings),
        ...(physicalAddress.trim() === '' ? ['the office postal address (CAN-SPAM)'] : []),
        ...(engine.sender.unsubscribeUrlBase === '' ? ['the unsubscribe link base (the sync server)'] : []),
      ],
      repliesMissing: repliesMissing(settings),
    };
  }

  return {
    'email-settings-get': async (): Promise<EmailSettingsView> => view(),
    'email-settings-set': async (args: ValidArgs<'email-settings-set'>): Promise<EmailSettingsView> => {
      const { physicalAddress, smtp, imap, ...rest } = args;
      await writeEmailSettings(ctx, (current) => ({
        ...current,
        ...rest,
        smtp: { ...current.smtp, ...smtp },
        imap: { ...current.imap, ...imap },
      }));
      if (physicalAddress !== undefined) {
        const engine = await readEngineSettings(ctx.db);
        await writeEngineSettings(ctx, { sender: { ...engine.sender, physicalAddress } });
      }
      ctx.events.emit('email-settings-changed', { at: ctx.clock.now() });
      return view();
    },
    'email-replies-status': async (): Promise<EmailRepliesStatus> => ({
      ...liveRepliesStatus(ctx),
      checkpoint: await readImapCheckpoint(ctx),
    }),
  };
}

export type EmailHandlers = ReturnType<typeof emailHandlers>;
