// A person Follow Up Boss no longer has (deleted, or merged into another person): the lead
// keeps everything the agent knows, loses only its link, and its timeline says why, so
// write-back stops aiming at a person that is gone and the lead is free to link again (to the
// person it was merged into, by email or phone, when that person is read).
import type { LinkedLeads } from './linked-leads';
import type { FubRunDeps } from './run-deps';

export async function unlinkPerson(
  deps: FubRunDeps,
  linked: LinkedLeads,
  personId: string,
): Promise<boolean> {
  const lead = await linked.get(personId);
  if (lead === undefined) return false;
  const doc = await deps.db.leads.findOne(lead.id).exec();
  if (doc === null) return false;
  const now = deps.now();
  const saved = await doc.incrementalModify((current) => {
    if (current.fubId !== personId) return current;
    const { fubId: _gone, fubStage: _stage, ...rest } = current;
    return { ...rest, updatedAt: now };
  });
  const after = saved.toMutableJSON();
  linked.wrote(after, personId);
  if (after.fubId !== undefined) return false;
  await deps.db.messages.upsert({
    id: `fub-unlinked-${personId}-${lead.id}`,
    teamId: after.teamId,
    ownerId: after.ownerId,
    updatedAt: now,
    leadId: after.id,
    direction: 'outbound',
    channel: 'note',
    status: 'logged',
    createdAt: now,
    body: `Follow Up Boss no longer has person ${personId} (deleted or merged); this lead is kept here and no longer linked to it.`,
    attempt: 0,
    authoredBy: 'human',
    statusHistory: [{ status: 'logged', at: now }],
    demo: after.demo,
  });
  return true;
}
