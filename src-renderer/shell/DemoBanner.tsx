// The demo workspace's banner. Removing the demo asks first (it deletes every demo lead with
// its messages and tasks) and then offers to bring it back, so one click never loses it.
import { useState } from 'react';
import { messageOf, useContractMutation, useContractQuery } from '../bridge/query';
import { Dialog } from './Dialog';

export function DemoBanner() {
  const info = useContractQuery('app-info', {}).data;
  const counts = useContractQuery('leads-counts', {}).data;
  const remove = useContractMutation('demo-remove');
  const create = useContractMutation('demo-create');
  const [confirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState(false);

  if (info === undefined) return null;
  if (info.hasDemo)
    return (
      <div className="banner" role="region" aria-label="Demo workspace">
        <span>
          You are looking at a demo workspace: fictional leads that never reach a real phone or inbox.
        </span>
        <button type="button" onClick={() => setConfirming(true)}>
          Remove demo data…
        </button>
        {confirming ? (
          <Dialog label="Remove the demo workspace" onClose={() => setConfirming(false)}>
            <h2>Remove the demo workspace?</h2>
            <p>
              This deletes the demo leads{counts ? ` (up to ${counts.total.toLocaleString()})` : ''} with
              their messages, tasks, sequences and templates. Leads you added yourself stay. You can load the
              demo again afterwards.
            </p>
            {remove.isError ? <p className="form-problem">{messageOf(remove.error)}</p> : null}
            <div className="dialog-actions">
              <button type="button" onClick={() => setConfirming(false)} data-autofocus>
                Keep the demo
              </button>
              <button
                type="button"
                className="danger"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(
                    {},
                    {
                      onSuccess: () => {
                        setConfirming(false);
                        setRemoved(true);
                      },
                    },
                  )
                }
              >
                {remove.isPending ? 'Removing…' : 'Remove demo data'}
              </button>
            </div>
          </Dialog>
        ) : null}
      </div>
    );
  if (!removed) return null;
  return (
    <div className="banner" role="status">
      <span>The demo workspace was removed.</span>
      <button
        type="button"
        disabled={create.isPending}
        onClick={() => create.mutate({}, { onSuccess: () => setRemoved(false) })}
      >
        Bring the demo back
      </button>
      <button type="button" onClick={() => setRemoved(false)}>
        Dismiss
      </button>
    </div>
  );
}
