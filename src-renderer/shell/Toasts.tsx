// In-app notifications (hot replies, overdue tasks) as toasts that fade after a while; the
// desktop shell also shows them natively.
import { useCallback, useState } from 'react';
import type { EventPayloads } from '../../src-shared/ipc/contract';
import { useCoreEvent } from '../bridge/context';

type Toast = EventPayloads['notification'];
const VISIBLE_MS = 8_000;

export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const onNotification = useCallback((toast: Toast) => {
    setToasts((shown) => [...shown.filter((t) => t.id !== toast.id), toast].slice(-4));
    setTimeout(() => setToasts((shown) => shown.filter((t) => t.id !== toast.id)), VISIBLE_MS);
  }, []);
  useCoreEvent('notification', onNotification);
  return (
    <div className="toasts" role="log" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <strong>{toast.title}</strong>
          <p>{toast.body}</p>
        </div>
      ))}
    </div>
  );
}
