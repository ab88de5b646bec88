// Asks before the demo workspace is removed (it deletes every demo lead with its messages and
// tasks); used by the demo banner and Settings → Demo data.
import { messageOf, useContractMutation, useContractQuery } from '../bridge/query';
import { Dialog } from './Dialog';

export function RemoveDemoDialog({
  onClose,
  onRemoved,
}: {
  onClose: () => void;
  onRemoved: (removed: number) => void;
}) {
  const counts = useContractQuery('leads-counts', {}).data;
  const remove = useContractMutation('demo-remove');
  return (
    <Dialog label="Remove the demo workspace" onClose={onClose}>
      <h2>Remove the demo workspace?</h2>
      <p>
        This deletes the demo leads{counts ? ` (up to ${counts.total.toLocaleString()})` : ''} with their
        messages, tasks, sequences and templates. Leads you added yourself stay. You can load the demo again
        afterwards.
      </p>
      {remove.isError ? <p className="form-problem">{messageOf(remove.error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Keep the demo
        </button>
        <button
          type="button"
          className="danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate({}, { onSuccess: (r) => onRemoved(r.removed) })}
        >
          {remove.isPending ? 'Removing…' : 'Remove demo data'}
        </button>
      </div>
    </Dialog>
  );
}
