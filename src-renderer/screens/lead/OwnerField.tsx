// Who the lead belongs to, by name. With a team (more than one agent) it is where the lead is
// assigned to another agent; alone, it just names you.
import type { Lead } from '../../../src-shared/domain';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { agentLabel } from '../leads/format';

export function OwnerField({ lead }: { lead: Lead }) {
  const agents = useContractQuery('agents-list', {});
  const assign = useContractMutation('leads-update');
  const list = agents.data ?? [];
  const owner = list.find((a) => a.id === lead.ownerId);
  if (list.length <= 1)
    return <>{owner === undefined ? 'Someone no longer on the team' : agentLabel(owner)}</>;
  return (
    <>
      <select
        aria-label="Assign to"
        value={lead.ownerId}
        disabled={assign.isPending}
        onChange={(e) => assign.mutate({ id: lead.id, patch: { ownerId: e.target.value } })}
      >
        {owner === undefined ? <option value={lead.ownerId}>Someone no longer on the team</option> : null}
        {list.map((a) => (
          <option key={a.id} value={a.id}>
            {agentLabel(a)}
          </option>
        ))}
      </select>
      {assign.isError ? <span className="field-error">{messageOf(assign.error)}</span> : null}
    </>
  );
}
