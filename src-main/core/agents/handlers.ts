// The agents feature: who a lead can be assigned to. The agents collection is the team's
// (replicated from the sync server, written by admins); solo, it may hold nobody, and the one
// agent is this workspace's own, named from the sender profile.
import type { AgentChoice } from '../../../src-shared/ipc/agents';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';

export function agentHandlers(ctx: CoreContext) {
  const { db, workspace } = ctx;
  return {
    'agents-list': async (): Promise<AgentChoice[]> => {
      const docs = await db.agents.find({ selector: { teamId: workspace.teamId, active: true } }).exec();
      const agents: AgentChoice[] = docs.map((doc) => ({
        id: doc.id,
        name: doc.name,
        email: doc.email,
        role: doc.role,
        isYou: doc.id === workspace.agentId,
      }));
      if (!agents.some((agent) => agent.isYou)) {
        const { sender } = await readEngineSettings(ctx);
        agents.push({
          id: workspace.agentId,
          name: sender.agentName === '' ? 'You' : sender.agentName,
          email: sender.agentEmail,
          role: 'admin',
          isYou: true,
        });
      }
      return agents.sort((a, b) => Number(b.isYou) - Number(a.isYou) || a.name.localeCompare(b.name));
    },
  };
}

export type AgentHandlers = ReturnType<typeof agentHandlers>;
