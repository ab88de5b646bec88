// Recording fake channels for engine tests: every send is kept (in order, with the clock's time),
// failures can be scripted per call, and `lookup` answers from what was recorded, like a
// provider asked about an idempotency key. `reachesLeads` can be set to test demo refusal.
import type { Clock } from '../ports/clock';
import type {
  ChannelSender,
  OutboundMessage,
  ProviderLookup,
  SendChannel,
  SendReceipt,
} from '../ports/channels';
import { ChannelError } from '../ports/channels';

export interface RecordedSend extends OutboundMessage {
  at: number;
  providerId: string;
}

export type ScriptedOutcome = 'ok' | ChannelError | 'hang';

export class RecordingChannel<C extends SendChannel = SendChannel> implements ChannelSender<C> {
  readonly sent: RecordedSend[] = [];
  private readonly script: ScriptedOutcome[] = [];
  private counter = 0;
  private readonly refusals = new Map<string, ChannelError>();
  /** When false, `lookup` is absent behaviour: it answers 'unknown'. */
  canLookup = true;

  constructor(
    readonly channel: C,
    private readonly clock: Pick<Clock, 'now'>,
    /** Set true to stand in for a real provider (the demo-lead refusal tests). */
    public reachesLeads = false,
    /** Called for every accepted send (the kill -9 test appends it to a file). */
    private readonly onSend?: (send: RecordedSend) => void,
  ) {}

  /** The next sends' outcomes, in order; afterwards every send succeeds. */
  willDo(...outcomes: ScriptedOutcome[]): this {
    this.script.push(...outcomes);
    return this;
  }

  /** Every send to `to` fails with `error`, as a provider that knows the number (opted out, not mobile). */
  refuseAddress(to: string, error: ChannelError): this {
    this.refusals.set(to, error);
    return this;
  }

  send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt> {
    // Like the real adapters (test/channels/*-contract.ts): a cancelled send never starts.
    if (signal.aborted)
      return Promise.reject(
        new ChannelError('timeout', 'The send was cancelled before it started.', true, false),
      );
    const refusal = this.refusals.get(message.to);
    if (refusal !== undefined) return Promise.reject(refusal);
    const outcome = this.script.shift() ?? 'ok';
    if (outcome === 'hang') {
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    if (outcome instanceof ChannelError) {
      // A request that "may have left" did reach the provider in this fake.
      if (outcome.requestMayHaveLeft) this.record(message);
      return Promise.reject(outcome);
    }
    return Promise.resolve({ providerId: this.record(message).providerId });
  }

  private record(message: OutboundMessage): RecordedSend {
    const send = { ...message, at: this.clock.now(), providerId: `${this.channel}-${++this.counter}` };
    this.sent.push(send);
    this.onSend?.(send);
    return send;
  }

  lookup(messageId: string): Promise<ProviderLookup> {
    if (!this.canLookup) return Promise.resolve({ found: 'unknown' });
    const send = this.sent.find((s) => s.messageId === messageId);
    return Promise.resolve(
      send === undefined ? { found: false } : { found: true, providerId: send.providerId, status: 'sent' },
    );
  }
}

export interface FakeChannels {
  sms: RecordingChannel<'sms'>;
  whatsapp: RecordingChannel<'whatsapp'>;
  mailer: RecordingChannel<'email'>;
  notifier: RecordingChannel<'notification'>;
  /** Every send on every channel, in order. */
  all(): RecordedSend[];
}

export function fakeChannels(clock: Pick<Clock, 'now'>, onSend?: (send: RecordedSend) => void): FakeChannels {
  const sms = new RecordingChannel('sms', clock, false, onSend);
  const whatsapp = new RecordingChannel('whatsapp', clock, false, onSend);
  const mailer = new RecordingChannel('email', clock, false, onSend);
  const notifier = new RecordingChannel('notification', clock, false, onSend);
  return {
    sms,
    whatsapp,
    mailer,
    notifier,
    all: () => [...sms.sent, ...whatsapp.sent, ...mailer.sent, ...notifier.sent].sort((a, b) => a.at - b.at),
  };
}
