// The one place both shells connect core to the outside world: the notifier the shell brings,
// plus every provider that is configured (settings in the store, secrets in the SecretStore).
// An unconfigured channel is simply absent; the engine then falls back or asks the agent.
// Settings are read here once: a changed provider setting applies at the next start.
import type { ConnectedChannels } from '../core/boot';
import type { CoreContext } from '../core/context';
import type { Notifier } from '../core/ports/channels';
import { aiSettingsSource } from '../core/ai/settings';
import { createSmtpMailer, emailTester, isEmailSendingConfigured, startImapReplies } from './email';
import { createOpenAiAdapter } from './openai';
import { connectTwilio } from './twilio';

export interface ShellChannels {
  notifier: Notifier;
}

export async function connectChannels(ctx: CoreContext, shell: ShellChannels): Promise<ConnectedChannels> {
  if (ctx.secrets !== undefined) {
    // Reads its settings and key on every call: configuring AI takes effect at once.
    ctx.ai = createOpenAiAdapter({
      settings: aiSettingsSource(ctx.db),
      secrets: ctx.secrets,
      clock: ctx.clock,
    });
  }
  const twilio = await connectTwilio(ctx);
  const email = ctx.secrets === undefined ? undefined : { secrets: ctx.secrets };
  const mailer =
    email !== undefined && (await isEmailSendingConfigured(ctx, email))
      ? createSmtpMailer(ctx, email)
      : undefined;
  const replies = email === undefined ? null : await startImapReplies(ctx, email);
  ctx.channelTesters = {
    ...twilio?.testers,
    ...(email === undefined ? {} : { email: emailTester(ctx, email) }),
  };
  return {
    ports: {
      notifier: shell.notifier,
      ...(twilio?.sms === undefined ? {} : { sms: twilio.sms }),
      ...(twilio?.whatsapp === undefined ? {} : { whatsapp: twilio.whatsapp }),
      ...(mailer === undefined ? {} : { mailer }),
    },
    stop: async () => {
      await replies?.stop();
      await twilio?.stop();
    },
  };
}
