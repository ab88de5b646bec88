// The provider side of the kill -9 tests' child processes: every message it receives is appended
// to a log file before it answers, after a short random delay, so a kill lands between "the
// provider has it" and "the store knows". It can be asked about a message by id (as an API can),
// or not (as SMTP cannot, and as the SMS fake here is set up).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type {
  ChannelSender,
  OutboundMessage,
  ProviderLookup,
  SendChannel,
} from '../../src-main/core/ports/channels';

/** The lines of a log file (none when it does not exist yet). */
export function logLines(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

export class LoggingProvider<C extends SendChannel> implements ChannelSender<C> {
  readonly reachesLeads = false;
  constructor(
    readonly channel: C,
    private readonly logPath: string,
    private readonly canLookup: boolean,
    private readonly delayMs: { least: number; spread: number } = { least: 20, spread: 30 },
  ) {}

  async send(message: OutboundMessage): Promise<{ providerId: string }> {
    appendFileSync(this.logPath, `${message.messageId}\n`);
    await new Promise((resolve) =>
      setTimeout(resolve, this.delayMs.least + Math.random() * this.delayMs.spread),
    );
    return { providerId: `p-${message.messageId}` };
  }

  lookup(messageId: string): Promise<ProviderLookup> {
    if (!this.canLookup) return Promise.resolve({ found: 'unknown' });
    return Promise.resolve(
      logLines(this.logPath).includes(messageId)
        ? { found: true, providerId: `p-${messageId}`, status: 'sent' }
        : { found: false },
    );
  }
}
