// Who a lead made on this desktop belongs to (decision 0901): in a team, the form's lead goes to
// the team pool for the server's routing unless the agent kept it; solo, it is always theirs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { ownerOfNewLead } from './new-lead-owner';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.close();
});

describe('the owner of a new lead', () => {
  it('in a team: handed to the team pool, or kept by the agent', async () => {
    const handed = await core.invoke('leads-create', { lead: { firstName: 'Nora' }, owner: 'team' });
    expect(handed.lead.ownerId).toBe('team-pool');
    const kept = await core.invoke('leads-create', { lead: { firstName: 'Kim' }, owner: 'mine' });
    expect(kept.lead.ownerId).toBe('agent-test');
    // A caller that does not say keeps the lead, as the contract always did.
    const unsaid = await core.invoke('leads-create', { lead: { firstName: 'Lou' } });
    expect(unsaid.lead.ownerId).toBe('agent-test');
  });

  it('solo: always the agent’s, whatever was asked', () => {
    const solo = { teamId: 'solo', agentId: 'me' };
    expect(ownerOfNewLead(solo, false)).toBe('me');
    expect(ownerOfNewLead(solo, true)).toBe('me');
    expect(ownerOfNewLead({ teamId: 'team-1', agentId: 'agent-ann' }, false)).toBe('team-pool');
  });
});
