// Reads the voice a message to one lead speaks in: this device's agent profile, the team's
// engine settings and the lead owner's agent record.
import type { Lead } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import type { Voice } from '../engine/template-values';
import { readProfile } from './profile-store';

export async function voiceFor(
  ctx: CoreContext,
  lead: Pick<Lead, 'ownerId'> | null,
  settings?: EngineSettings,
): Promise<Voice> {
  const [profile, agent, engine] = await Promise.all([
    readProfile(ctx),
    lead === null ? null : ctx.db.agents.findOne(lead.ownerId).exec(),
    settings ?? readEngineSettings(ctx),
  ]);
  return {
    profile,
    agent: agent?.toMutableJSON() ?? null,
    settings: engine,
    country: ctx.workspace.defaultCountry,
  };
}
