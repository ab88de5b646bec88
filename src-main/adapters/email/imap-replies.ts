// Polls the reply mailbox every `imap.pollSeconds` (on the injected Clock) and records what it
// finds through core (core/email/inbound.ts): replies stop the lead's sequences, bounces
// suppress the address. A checkpoint (UIDVALIDITY + last UID, RFC 9051 2.3.1.1) is written
// after every message, so a restart neither misses mail nor reads it twice; if a crash lands
// between recording and the checkpoint, the reply's id (from its Message-ID) makes the second
// read a duplicate. A first run, or a rebuilt mailbox (new UIDVALIDITY), reads the last week.
import type { ImapCheckpoint } from '../../../src-shared/ipc/email';
import type { CoreContext } from '../../core/context';
import type { InboundOutcome } from '../../core/email/inbound';
import { recordInboundEmail } from '../../core/email/inbound';
import {
  readEmailSettings,
  readImapCheckpoint,
  repliesMissing,
  writeImapCheckpoint,
} from '../../core/email/settings';
import type { TimerHandle } from '../../core/ports/clock';
import type { SecretStore } from '../../core/ports/secret-store';
import { imapClient, readMailbox } from './imap-reader';
import { redact } from './smtp-errors';

const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 3_600_000;

export interface ImapRepliesOptions {
  secrets: Pick<SecretStore, 'get'>;
  /** Poll once at start (default true); tests drive polls with `pollNow` and the Clock. */
  pollAtStart?: boolean;
}

export interface ImapReplies {
  /** Polls now (or joins the poll under way) and returns what each new message meant. */
  pollNow(): Promise<InboundOutcome[]>;
  stop(): Promise<void>;
}

export function startImapReplies(ctx: CoreContext, options: ImapRepliesOptions): ImapReplies {
  let timer: TimerHandle | undefined;
  let running: Promise<InboundOutcome[]> | undefined;
  let stopped = false;

  async function pollOnce(): Promise<InboundOutcome[]> {
    const { settings, replyTokenKey } = await readEmailSettings(ctx);
    const password = await options.secrets.get('imap.password');
    const missing = repliesMissing(settings, password !== undefined);
    if (missing.length > 0) throw new Error(`Email replies are not set up: add ${missing.join(', ')}.`);
    const where = { host: settings.imap.host, user: settings.imap.user, mailbox: settings.imap.mailbox };
    const saved = await readImapCheckpoint(ctx);
    const same =
      saved !== null &&
      saved.host === where.host &&
      saved.user === where.user &&
      saved.mailbox === where.mailbox;
    const client = imapClient(settings.imap, password ?? '');
    const outcomes: InboundOutcome[] = [];
    try {
      await client.connect();
      const batch = await readMailbox(
        client,
        settings.imap,
        same
          ? { uidValidity: saved.uidValidity, afterUid: saved.lastUid }
          : { since: new Date(ctx.clock.now() - FIRST_RUN_LOOKBACK_MS) },
      );
      let checkpoint: ImapCheckpoint = {
        ...where,
        uidValidity: batch.uidValidity,
        lastUid: same && saved.uidValidity === batch.uidValidity ? saved.lastUid : 0,
      };
      for (const { uid, email } of batch.emails) {
        if (stopped) break;
        outcomes.push(
          await recordInboundEmail(ctx, email, { replyAddress: settings.replyAddress, replyTokenKey }),
        );
        checkpoint = { ...checkpoint, lastUid: Math.max(checkpoint.lastUid, uid) };
        await writeImapCheckpoint(ctx, checkpoint);
      }
      if (!same || saved.uidValidity !== batch.uidValidity) await writeImapCheckpoint(ctx, checkpoint);
      return outcomes;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  function pollNow(): Promise<InboundOutcome[]> {
    running ??= (async () => {
      try {
        const outcomes = await pollOnce();
        ctx.emailReplies.reportPoll(ctx.clock.now(), outcomes);
        return outcomes;
      } catch (error) {
        const password = (await options.secrets.get('imap.password')) ?? '';
        ctx.emailReplies.reportPoll(
          ctx.clock.now(),
          [],
          redact(error instanceof Error ? error.message : String(error), [password]),
        );
        return [];
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  async function schedule(): Promise<void> {
    const { settings } = await readEmailSettings(ctx);
    if (stopped) return;
    timer = ctx.clock.setTimer(ctx.clock.now() + settings.imap.pollSeconds * 1000, () => {
      void pollNow().then(schedule);
    });
  }

  ctx.emailReplies.reportPollerRunning(true);
  if (options.pollAtStart ?? true) void pollNow().then(schedule);
  else void schedule();

  return {
    pollNow,
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
      ctx.emailReplies.reportPollerRunning(false);
    },
  };
}
