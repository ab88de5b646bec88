// The agents feature's contract: who a lead can be assigned to. Solo, that is the one agent of
// this workspace; in a team, the team's active members as the sync replica holds them.
import { z } from 'zod';

export const agentArgs = {
  'agents-list': z.object({}).default({}),
};

export interface AgentChoice {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'admin';
  /** The agent signed in on this computer. */
  isYou: boolean;
}

export interface AgentResults {
  'agents-list': AgentChoice[];
}
