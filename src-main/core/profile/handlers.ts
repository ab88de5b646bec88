// The agent's profile: read it with what emails will carry and what is still missing, save it
// (phone and email checked beside their fields). Saving releases the messages that waited for it
// (the engine watches the document, see engine/index.ts).
import type { AgentProfile, AgentProfileView } from '../../../src-shared/ipc/profile';
import { PROFILE_FIELD_LABELS } from '../../../src-shared/ipc/profile';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { signatureOf } from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { officeAddressOf } from '../engine/template-values';
import { readEngineSettings } from '../engine/settings';
import { phoneForDisplay, readProfile, writeProfile } from './profile-store';

/** The fields the built-in templates read (the licence only where the agent gives one). */
const NEEDED: readonly (keyof AgentProfile)[] = ['firstName', 'lastName', 'phone', 'email', 'brokerage'];

export function profileHandlers(ctx: CoreContext) {
  async function view(profile: AgentProfile): Promise<AgentProfileView> {
    const [settings, waiting] = await Promise.all([
      readEngineSettings(ctx),
      ctx.db.messages.count({ selector: { status: 'waiting_for_profile' } }).exec(),
    ]);
    const officeAddress = officeAddressOf({ profile, settings });
    const missing = NEEDED.filter((field) => profile[field] === '').map((f) => PROFILE_FIELD_LABELS[f]);
    if (officeAddress === '') missing.push(PROFILE_FIELD_LABELS.officeAddress);
    const phoneDisplay = phoneForDisplay(profile.phone, ctx.workspace.defaultCountry);
    return {
      profile,
      phoneDisplay,
      signature: signatureOf(profile, phoneDisplay),
      officeAddress,
      missing,
      waiting,
    };
  }

  return {
    'profile-get': async (): Promise<AgentProfileView> => view(await readProfile(ctx)),
    'profile-set': async (args: ValidArgs<'profile-set'>): Promise<AgentProfileView> => {
      const saved = await writeProfile(ctx, args);
      ctx.events.emit('profile-changed', { at: ctx.clock.now() });
      return view(saved);
    },
  };
}

export type ProfileHandlers = ReturnType<typeof profileHandlers>;
