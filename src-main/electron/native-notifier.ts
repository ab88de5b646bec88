// Desktop notifications through the OS: the engine's notification steps (the Notifier port)
// and the desktop alerts (hot replies, overdue tasks, failed sends). Clicking one opens the
// lead's page. They reach only the agent, so demo leads may use them.
import { Notification } from 'electron';
import type { Notifier } from '../core/ports/channels';

/** Shows one notification; false when this desktop has no notification service. */
export function showNativeNotification(
  content: { title: string; body: string },
  onClick: () => void,
): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title: content.title, body: content.body });
  notification.on('click', onClick);
  notification.show();
  return true;
}

export function nativeNotifier(openLead: (leadId: string) => void): Notifier {
  return {
    channel: 'notification',
    reachesLeads: false,
    send(message) {
      const shown = showNativeNotification(
        { title: message.subject ?? 'Porchlight', body: message.body },
        () => openLead(message.leadId),
      );
      return shown
        ? Promise.resolve({ providerId: `desktop-${message.messageId}`, delivered: true })
        : Promise.reject(new Error('This desktop has no notification service.'));
    },
  };
}
