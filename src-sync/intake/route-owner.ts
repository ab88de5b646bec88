// Who gets a lead that arrives at the intake endpoint: the team's active agents in turn (round
// robin, in the order they joined; admins only when the team has no agent), the turn kept in a
// server-private record advanced in the same transaction that reads it, so two instances never
// hand out the same turn. The routing rules of the getting-leads-in feature replace this.
import type { ServerStorage } from '../storage/server-storage';

export async function nextOwner(storage: ServerStorage, teamId: string): Promise<string | null> {
  const accounts = (await storage.listAccounts(teamId)).filter((a) => a.active);
  const agents = accounts.filter((a) => a.role === 'agent');
  const pool = (agents.length > 0 ? agents : accounts).map((a) => a.id);
  if (pool.length === 0) return null;
  return storage.writeDocuments(teamId, 'server.routing', ['round-robin'], (current) => {
    const turn = current.get('round-robin')?.doc.turn;
    const index = typeof turn === 'number' && Number.isInteger(turn) && turn >= 0 ? turn : 0;
    return {
      writes: [
        { id: 'round-robin', ownerId: null, doc: { id: 'round-robin', turn: index + 1, _deleted: false } },
      ],
      result: pool[index % pool.length] ?? null,
    };
  });
}
