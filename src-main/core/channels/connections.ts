// The state of each provider connection (email sending, email replies, texts, WhatsApp), as
// the shell's adapters report it when they (re)connect: connected, failed with the provider's
// own words, or not configured with what is missing. Read by 'channels-status'; every change is
// announced as 'channels-status-changed'.
import type { ChannelConnection, ChannelConnections, ConnectionName } from '../../../src-shared/ipc/channels';
import type { CoreContext } from '../context';

export class ConnectionBoard {
  private readonly states = new Map<ConnectionName, ChannelConnection>();

  constructor(private readonly ctx: Pick<CoreContext, 'clock' | 'events'>) {}

  view(): ChannelConnections {
    const of = (name: ConnectionName): ChannelConnection =>
      this.states.get(name) ?? { state: 'not_configured', text: 'not configured', at: 0 };
    return {
      email: of('email'),
      email_replies: of('email_replies'),
      sms: of('sms'),
      whatsapp: of('whatsapp'),
    };
  }

  connected(name: ConnectionName): void {
    this.set(name, { state: 'connected', text: 'connected' });
  }

  failed(name: ConnectionName, providerWords: string): void {
    this.set(name, { state: 'failed', text: `failed: ${providerWords}`.slice(0, 300) });
  }

  notConfigured(name: ConnectionName, missing: readonly string[] = []): void {
    const text = missing.length === 0 ? 'not configured' : `not configured: add ${missing.join(', ')}`;
    this.set(name, { state: 'not_configured', text: text.slice(0, 300) });
  }

  private set(name: ConnectionName, next: Omit<ChannelConnection, 'at'>): void {
    const current = this.states.get(name);
    if (current?.state === next.state && current.text === next.text) return;
    this.states.set(name, { ...next, at: this.ctx.clock.now() });
    this.ctx.events.emit('channels-status-changed', this.view());
  }
}
