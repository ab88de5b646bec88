// Who the lead belongs to, by name. With a team (more than one agent) it is where the lead is
// assigned to another agent; alone, it just names you. A lead in the team pool that the team's
// rules routed (a note of theirs is on its timeline) has "Take this lead"; one still on its way
// to the server says it waits for the rules. What a take did stays beside the owner after the
// lead moved.
import type { Lead } from '../../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../../src-shared/sync';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { agentLabel } from '../leads/format';
import { TakeLeadButton } from './TakeLead';

export function OwnerField({ lead }: { lead: Lead }) {
  const agents = useContractQuery('agents-list', {});
  const assign = useContractMutation('leads-update');
  const take = useContractMutation('team-lead-take');
  const list = agents.data ?? [];
  const owner = list.find((a) => a.id === lead.ownerId);
  const inPool = lead.ownerId === TEAM_POOL_OWNER_ID;
  // A pool lead is young: its newest 100 touches hold the routing note. (Not the 200 the
  // timeline pages by: that key is the timeline's infinite query, whose data is shaped apart.)
  const timeline = useContractQuery(
    'messages-for-lead',
    { leadId: lead.id, limit: 100 },
    { enabled: inPool },
  );
  // The server's routing notes say "lead routing" in their history (src-sync/routing/record.ts).
  const routed = (timeline.data ?? []).some(
    (m) => m.channel === 'note' && m.statusHistory.some((h) => h.detail === 'lead routing'),
  );
  const taking =
    inPool || !take.isIdle ? <TakeLeadButton leadId={lead.id} inPool={inPool} take={take} /> : null;
  if (inPool && !routed && take.isIdle)
    return (
      <>The team pool: waiting for the team’s routing rules, which apply once it reaches the team server</>
    );
  if (inPool) return <>The team pool {taking}</>;
  if (list.length <= 1)
    return (
      <>
        {owner === undefined ? 'Someone no longer on the team' : agentLabel(owner)} {taking}
      </>
    );
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
      {taking}
    </>
  );
}
