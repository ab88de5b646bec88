// Joining a team from a solo workspace: every record the agent made alone (teamId "solo",
// owner "me") is re-keyed to the team and to the agent's id there, so replication pushes it
// once (a new replication pushes every local change; ids do not change, so a second sign-in,
// or the same records reaching the server from two machines, update one document each).
// Demo records and this desktop's own settings keep their solo keys and never leave.
import type { JoinReport } from '../../../src-shared/ipc/sync';
import type { PorchlightDatabase } from '../store/collections';
import { SOLO_AGENT_ID, SOLO_TEAM_ID } from './membership';
import { isSharedDocument, plainCollection, replicatedCollections } from './replicated';

const CHUNK = 500;

export async function joinTeam(
  db: PorchlightDatabase,
  team: { teamId: string; agentId: string },
): Promise<JoinReport> {
  const report: JoinReport = { moved: {}, keptOnThisDesktop: 0 };
  for (const name of replicatedCollections) {
    const collection = plainCollection(db, name);
    const solo = await collection.find({ selector: { teamId: SOLO_TEAM_ID } }).exec();
    const moving: Record<string, unknown>[] = [];
    for (const doc of solo) {
      const data = doc.toMutableJSON(true);
      const staysHere = data.demo === true || !isSharedDocument(name, data);
      if (staysHere) {
        report.keptOnThisDesktop++;
        continue;
      }
      moving.push({
        ...data,
        teamId: team.teamId,
        ownerId: data.ownerId === SOLO_AGENT_ID ? team.agentId : data.ownerId,
      });
    }
    for (let start = 0; start < moving.length; start += CHUNK) {
      const result = await collection.bulkUpsert(moving.slice(start, start + CHUNK));
      if (result.error.length > 0)
        throw new Error(
          `Moving ${name} into the team failed for ${result.error.length} records; nothing was lost, sign in again to retry.`,
        );
    }
    if (moving.length > 0) report.moved[name] = moving.length;
  }
  return report;
}
