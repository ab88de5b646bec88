// Keeps SMTP connections open between messages, so a burst of emails (a thousand new leads from
// a website) does not pay a connect, EHLO and login for each one (decision 0803). nodemailer's
// own pool shares one logger between its connections, so it cannot say whether a failed
// message's data had started; here each connection carries one message at a time and watches
// its own transaction for the server's 354, which decides whether a failure is `uncertain`.
// - A connection is used again only for the same host, port, security, user and password;
//   changing any of them (Settings) makes the next message open a new connection.
// - A connection the server closed while it sat idle fails before a byte of the message left:
//   the message goes once more over a new connection. Nothing else is retried here (the outbox
//   decides, and a message whose data had started is never sent again).
// - Idle connections are closed after IDLE_MS, after MAX_MESSAGES, or by close().
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { EmailSettings } from '../../../src-shared/ipc/email';
import type { ComposedEmail } from './compose';

export const IDLE_MS = 5_000;
export const MAX_IDLE = 4;
export const MAX_MESSAGES = 100;

/** What a failed send carries besides the server's error: whether the message may have left. */
export class PooledSendError extends Error {
  constructor(
    readonly failure: unknown,
    readonly dataStarted: boolean,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

interface Pooled {
  connection: SMTPConnection;
  key: string;
  sent: number;
  /** The line watcher of the message in flight; none while idle. */
  watcher: { watch: ((line: string) => void) | undefined };
  idleTimer: NodeJS.Timeout | undefined;
  broken: boolean;
}

function keyOf(settings: EmailSettings, password: string | undefined): string {
  const { host, port, security, user } = settings.smtp;
  const secret = createHash('sha256')
    .update(password ?? '')
    .digest('hex');
  return JSON.stringify([host, port, security, user, secret]);
}

/** How every SMTP connection is opened (kept ones here, the test message's in smtp-mailer.ts). */
export function connectionOptions(settings: EmailSettings, watch: (line: string) => void) {
  const { host, port, security } = settings.smtp;
  const quiet = (): void => undefined;
  return {
    host,
    port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Commands and replies only (never the data): the 354 that starts a message's data.
    transactionLog: true,
    logger: {
      level: quiet,
      trace: quiet,
      info: quiet,
      warn: quiet,
      error: quiet,
      fatal: quiet,
      debug: (_entry: unknown, message: unknown) => {
        if (typeof message === 'string') watch(message);
      },
    },
  };
}

/** "354 ..." from the server answers DATA: from here the message may reach the lead. */
export function startsData(line: string): boolean {
  return /^354\b/.test(line) || /^S:\s*354\b/.test(line);
}

/** A failure of the connection itself, not an answer about this message. */
function isConnectionFailure(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown };
  return (
    e.responseCode === undefined &&
    ['ECONNECTION', 'ESOCKET', 'EPROTOCOL', 'ETIMEDOUT'].includes(String(e.code))
  );
}

export class SmtpPool {
  private idle: Pooled[] = [];
  private closed = false;

  /** Sends one message; rejects with PooledSendError. Resolves with the server's final reply. */
  async send(
    settings: EmailSettings,
    password: string | undefined,
    composed: ComposedEmail & { date: Date },
    signal: AbortSignal,
  ): Promise<string> {
    const node = new MailComposer(composed).compile();
    node.setEnvelope(composed.envelope);
    const envelope = node.getEnvelope();
    const raw = await node.build();
    const key = keyOf(settings, password);
    const reused = this.take(key);
    if (reused !== undefined) {
      try {
        return await this.over(reused, envelope, raw, signal);
      } catch (error) {
        // The server dropped the idle connection: not a byte of this message had left.
        if (!(error instanceof PooledSendError) || error.dataStarted || !isConnectionFailure(error.failure))
          throw error;
      }
    }
    const fresh = await this.open(settings, password, key, signal);
    return this.over(fresh, envelope, raw, signal);
  }

  /** Closes every idle connection; a message in flight finishes on its own. */
  close(): void {
    this.closed = true;
    for (const pooled of this.idle.splice(0)) this.discard(pooled);
  }

  /** An idle connection for these settings; idle ones for other settings are closed. */
  private take(key: string): Pooled | undefined {
    for (const stale of this.idle.filter((p) => p.key !== key || p.broken)) this.discard(stale);
    const pooled = this.idle.pop();
    if (pooled !== undefined) clearTimeout(pooled.idleTimer);
    return pooled;
  }

  private open(
    settings: EmailSettings,
    password: string | undefined,
    key: string,
    signal: AbortSignal,
  ): Promise<Pooled> {
    const { user } = settings.smtp;
    const watcher: Pooled['watcher'] = { watch: undefined };
    const connection = new SMTPConnection(connectionOptions(settings, (line) => watcher.watch?.(line)));
    const pooled: Pooled = { connection, key, sent: 0, watcher, idleTimer: undefined, broken: false };
    // An idle connection that fails (the server went away) is dropped; a busy one's failure
    // reaches its send's callback as well.
    connection.on('error', () => this.forget(pooled));
    connection.on('end', () => this.forget(pooled));
    return new Promise<Pooled>((resolve, reject) => {
      const fail = (error: unknown): void => {
        signal.removeEventListener('abort', onAbort);
        this.discard(pooled);
        reject(new PooledSendError(error, false));
      };
      const onAbort = (): void =>
        fail(Object.assign(new Error('The send was cancelled before it started.'), { code: 'EABORT' }));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      pooled.connection.connect((error) => {
        if (error) return fail(error);
        const done = (): void => {
          signal.removeEventListener('abort', onAbort);
          resolve(pooled);
        };
        if (user === '') return done();
        pooled.connection.login({ credentials: { user, pass: password ?? '' } }, (loginError) =>
          loginError ? fail(loginError) : done(),
        );
      });
    });
  }

  private over(
    pooled: Pooled,
    envelope: ReturnType<ReturnType<MailComposer['compile']>['getEnvelope']>,
    raw: Buffer,
    signal: AbortSignal,
  ): Promise<string> {
    let dataStarted = false;
    pooled.watcher.watch = (line) => {
      if (startsData(line)) dataStarted = true;
    };
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        pooled.watcher.watch = undefined;
        outcome();
      };
      const onAbort = (): void =>
        finish(() => {
          this.discard(pooled);
          reject(new PooledSendError(Object.assign(new Error('aborted'), { code: 'EABORT' }), dataStarted));
        });
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      pooled.connection.send({ from: envelope.from, to: envelope.to }, raw, (error, info) => {
        finish(() => {
          pooled.sent += 1;
          if (error || info === undefined) {
            this.afterRefusal(pooled, error);
            reject(new PooledSendError(error, dataStarted));
          } else {
            this.release(pooled);
            resolve(info.response);
          }
        });
      });
    });
  }

  /** A refusal of this message leaves the connection usable once reset; anything else ends it. */
  private afterRefusal(pooled: Pooled, error: unknown): void {
    const e = error as { code?: unknown; responseCode?: unknown };
    const refused = (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.responseCode !== 421;
    if (!refused || pooled.broken) return this.discard(pooled);
    pooled.connection.reset((resetError) => (resetError ? this.discard(pooled) : this.release(pooled)));
  }

  private release(pooled: Pooled): void {
    if (this.closed || pooled.broken || pooled.sent >= MAX_MESSAGES || this.idle.length >= MAX_IDLE) {
      pooled.broken = true;
      pooled.connection.quit();
      return;
    }
    pooled.idleTimer = setTimeout(() => {
      this.idle = this.idle.filter((p) => p !== pooled);
      pooled.broken = true;
      pooled.connection.quit();
    }, IDLE_MS);
    pooled.idleTimer.unref();
    this.idle.push(pooled);
  }

  private forget(pooled: Pooled): void {
    pooled.broken = true;
    clearTimeout(pooled.idleTimer);
    this.idle = this.idle.filter((p) => p !== pooled);
  }

  private discard(pooled: Pooled): void {
    this.forget(pooled);
    pooled.connection.close();
  }
}
