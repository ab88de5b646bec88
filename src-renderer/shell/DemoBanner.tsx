// The demo workspace's banner. Removing the demo asks first (it deletes every demo lead with
// its messages and tasks) and then offers to bring it back, so one click never loses it.
import { useState } from 'react';
import { useContractMutation, useContractQuery } from '../bridge/query';
import { RemoveDemoDialog } from './RemoveDemoDialog';

export function DemoBanner() {
  const info = useContractQuery('app-info', {}).data;
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
          <RemoveDemoDialog
            onClose={() => setConfirming(false)}
            onRemoved={() => {
              setConfirming(false);
              setRemoved(true);
            }}
          />
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
