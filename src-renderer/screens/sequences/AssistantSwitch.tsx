// The per-sequence switch of the assistant (off by default): when on, a lead enrolled in this
// sequence is qualified by the assistant once they reply, and the sequence stops as on any reply.
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';

export function AssistantSwitch({ sequenceId }: { sequenceId: string }) {
  const settings = useContractQuery('assistant-settings-get', {});
  const set = useContractMutation('assistant-sequence-set');
  const on = settings.data?.sequenceIds.includes(sequenceId) ?? false;
  return (
    <div className="assistant-switch">
      <label>
        <input
          type="checkbox"
          checked={on}
          disabled={settings.isPending || set.isPending}
          onChange={(e) => set.mutate({ sequenceId, on: e.target.checked })}
        />{' '}
        The assistant qualifies these leads when they reply (it introduces itself as your assistant and hands
        them to you when they are ready)
      </label>
      {set.isError ? <p className="field-error">{messageOf(set.error)}</p> : null}
    </div>
  );
}
