// Desktop notifications for the agent (hot replies, overdue tasks) through the OS. Clicking one
// brings the window forward. Reaches only the agent, so demo leads may use it.
import { Notification } from 'electron';
import type { Notifier } from '../core/ports/channels';

export function nativeNotifier(onClick: (leadId: string) => void): Notifier {
  return {
    channel: 'notification',
    reachesLeads: false,
    send(message) {
      if (!Notification.isSupported())
        return Promise.reject(new Error('This desktop has no notification service.'));
      const notification = new Notification({ title: message.subject ?? 'Porchlight', body: message.body });
      notification.on('click', () => onClick(message.leadId));
      notification.show();
      return Promise.resolve({ providerId: `desktop-${message.messageId}`, delivered: true });
    },
  };
}
