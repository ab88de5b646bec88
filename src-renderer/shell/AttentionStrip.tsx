// What needs the agent now, in the top bar: overdue follow-ups and sends waiting for a
// decision (uncertain or failed). Kept live by the engine's events.
import { useCallback, useEffect, useState } from 'react';
import { useBridge, useCoreEvent } from '../bridge/context';

export function AttentionStrip() {
  const bridge = useBridge();
  const [overdue, setOverdue] = useState<number | null>(null);
  const [attention, setAttention] = useState({ uncertain: 0, failed: 0 });

  const refresh = useCallback(() => {
    void bridge.invoke('tasks-overdue', {}).then((tasks) => setOverdue(tasks.length));
    void bridge
      .invoke('messages-attention', {})
      .then((a) => setAttention({ uncertain: a.uncertain.length, failed: a.failed.length }));
  }, [bridge]);
  useEffect(refresh, [refresh]);
  useCoreEvent(
    'tasks-overdue-changed',
    useCallback((payload) => setOverdue(payload.overdue), []),
  );
  useCoreEvent('outbox-attention-changed', setAttention);

  const review = attention.uncertain + attention.failed;
  return (
    <p className="attention" aria-live="polite">
      {overdue !== null && overdue > 0 ? (
        <a className="pill overdue-pill" href="#/today">
          {overdue.toLocaleString()} overdue {overdue === 1 ? 'follow-up' : 'follow-ups'}
        </a>
      ) : null}
      {review > 0 ? (
        <a className="pill review-pill" href="#/today" title="Sends that failed or may not have gone out">
          {review} {review === 1 ? 'send needs' : 'sends need'} your review
        </a>
      ) : null}
    </p>
  );
}
