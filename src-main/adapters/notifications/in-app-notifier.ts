// The notification channel when there is no desktop: each notification becomes a core event
// that every open window shows as a toast. It reaches only the agent's own screen, never a
// lead, so demo leads may use it.
import type { CoreEvents } from '../../core/events';
import type { Notifier, OutboundMessage, SendReceipt } from '../../core/ports/channels';

export function inAppNotifier(events: CoreEvents): Notifier {
  return {
    channel: 'notification',
    reachesLeads: false,
    send(message: OutboundMessage): Promise<SendReceipt> {
      events.emit('notification', {
        id: message.messageId,
        leadId: message.leadId,
        title: message.subject ?? 'Porchlight',
        body: message.body,
      });
      return Promise.resolve({ providerId: `in-app-${message.messageId}`, delivered: true });
    },
    lookup: () => Promise.resolve({ found: 'unknown' }),
  };
}
