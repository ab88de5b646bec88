// The email feature: its settings (the CAN-SPAM postal address and the unsubscribe link base
// live with the engine's sender settings, where the footer reads them, so they are written
// there) and the reply poller's state.
import type { EmailRepliesStatus, EmailSettings, EmailSettingsView } from '../../../src-shared/ipc/email';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { emailSettingsSchema } from '../../../src-shared/ipc/email';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import { readEngineSettings, writeEngineSettings } from '../engine/settings';
import { forgetMovedSecrets, mailPasswordDestination, plainMailRefusal } from '../secrets/host-binding';
import {
  readEmailSettings,
  readImapCheckpoint,
  repliesMissing,
  sendingMissing,
  writeEmailSettings,
} from './settings';

/** Refuses, beside each field, a server that would get a password in clear text off this computer. */
function refusePlainMail(next: Pick<EmailSettings, 'smtp' | 'imap'>): void {
  const fieldErrors: Record<string, string> = {};
  const smtp = plainMailRefusal(next.smtp);
  const imap = plainMailRefusal(next.imap);
  if (smtp !== undefined) fieldErrors['smtp.security'] = smtp;
  if (imap !== undefined) fieldErrors['imap.security'] = imap;
  const first = smtp ?? imap;
  if (first !== undefined)
    throw new PorchlightError('validation', `The email settings were not saved: ${first}`, fieldErrors);
}

export function emailHandlers(ctx: CoreContext) {
  async function view(): Promise<EmailSettingsView> {
    const [{ settings }, engine, secretNames] = await Promise.all([
      readEmailSettings(ctx),
      readEngineSettings(ctx),
      ctx.secrets?.names() ?? Promise.resolve(undefined),
    ]);
    // Without a secret store (no shell wired one) nothing can be said about passwords.
    const has = (name: 'smtp.password' | 'imap.password'): boolean => secretNames?.includes(name) ?? true;
    const physicalAddress = engine.sender.physicalAddress;
    return {
      settings,
      physicalAddress,
      unsubscribeUrlBase: engine.sender.unsubscribeUrlBase,
      sendingMissing: [
        ...sendingMissing(settings, has('smtp.password')),
        ...(physicalAddress.trim() === '' ? ['the office postal address (CAN-SPAM)'] : []),
      ],
      repliesMissing: repliesMissing(settings, has('imap.password')),
    };
  }

  return {
    'email-settings-get': async (): Promise<EmailSettingsView> => view(),
    'email-settings-set': async (args: ValidArgs<'email-settings-set'>): Promise<EmailSettingsView> => {
      const { physicalAddress, unsubscribeUrlBase, smtp, imap, ...rest } = args;
      const { settings: before } = await readEmailSettings(ctx);
      const next = emailSettingsSchema.parse({
        ...before,
        ...rest,
        smtp: { ...before.smtp, ...smtp },
        imap: { ...before.imap, ...imap },
      });
      refusePlainMail(next);
      // Each password was saved for its server: a new server (or no TLS) must be given it again.
      await forgetMovedSecrets(ctx.secrets, [
        {
          name: 'smtp.password',
          before: mailPasswordDestination(before.smtp),
          after: mailPasswordDestination(next.smtp),
        },
        {
          name: 'imap.password',
          before: mailPasswordDestination(before.imap),
          after: mailPasswordDestination(next.imap),
        },
      ]);
      await writeEmailSettings(ctx, () => next);
      if (physicalAddress !== undefined || unsubscribeUrlBase !== undefined) {
        const { sender } = await readEngineSettings(ctx);
        await writeEngineSettings(ctx, {
          sender: {
            ...sender,
            ...(physicalAddress === undefined ? {} : { physicalAddress }),
            ...(unsubscribeUrlBase === undefined ? {} : { unsubscribeUrlBase }),
          },
        });
      }
      return view();
    },
    'email-replies-status': async (): Promise<EmailRepliesStatus> => ({
      ...ctx.emailReplies.view(),
      checkpoint: await readImapCheckpoint(ctx),
    }),
  };
}

export type EmailHandlers = ReturnType<typeof emailHandlers>;
