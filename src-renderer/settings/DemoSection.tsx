// Settings → Demo data: whether this workspace holds the demo (fictional leads that never
// reach a real phone or inbox), removing it after a confirmation with an undo, and bringing
// it back later.
import { useState } from 'react';
import { messageOf, useContractMutation, useContractQuery } from '../bridge/query';
import { RemoveDemoDialog } from '../shell/RemoveDemoDialog';

export function DemoSection() {
  const info = useContractQuery('app-info', {}).data;
  const create = useContractMutation('demo-create');
  const [confirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState<number | null>(null);
  if (info === undefined) return <p>Loading…</p>;

  const bringBack = (
    <button
      type="button"
      disabled={create.isPending}
      onClick={() => create.mutate({}, { onSuccess: () => setRemoved(null) })}
    >
      {create.isPending
        ? 'Loading the demo…'
        : removed === null
          ? 'Bring the demo back'
          : 'Undo: bring the demo back'}
    </button>
  );
  return (
    <section aria-label="Demo data">
      {info.hasDemo ? (
        <>
          <p>
            This workspace holds the demo: fictional leads (phone numbers 555-0100 to 555-0199, addresses at
            example.com) with their messages, tasks, sequences and templates. No real provider ever sends to
            them.
          </p>
          <button type="button" onClick={() => setConfirming(true)}>
            Remove demo data…
          </button>
        </>
      ) : (
        <>
          <p role="status">
            {removed === null
              ? 'There is no demo data in this workspace.'
              : `The demo was removed (${removed.toLocaleString()} records). Your own leads stayed.`}
          </p>
          {bringBack}
        </>
      )}
      {create.isError ? <p className="form-problem">{messageOf(create.error)}</p> : null}
      {confirming ? (
        <RemoveDemoDialog
          onClose={() => setConfirming(false)}
          onRemoved={(count) => {
            setConfirming(false);
            setRemoved(count);
          }}
        />
      ) : null}
    </section>
  );
}
