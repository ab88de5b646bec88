// The getting-started guide sees steps done from the workspace itself (a name to sign with, a
// channel reported connected, a lead that is not demo data), lets a step be marked by hand,
// and can be skipped and resumed.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionBoard } from '../channels/connections';
import { createDemoWorkspace } from '../demo/demo-workspace';
import { CoreEvents } from '../events';
import { FakeClock } from '../testing/fake-clock';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const done = async (c: TestCore) =>
  Object.fromEntries((await c.invoke('first-run-get', {})).steps.map((s) => [s.id, s.done]));

describe('getting started', () => {
  it('FR1: a new workspace has every step to do; demo leads do not count as your own', async () => {
    core = await createTestCore();
    await createDemoWorkspace(core.ctx);
    const guide = await core.invoke('first-run-get', {});
    expect(guide).toMatchObject({ skipped: false, finished: false });
    expect(await done(core)).toEqual({ profile: false, channel: false, leads: false, playbooks: false });
    expect(guide.steps.find((s) => s.id === 'leads')?.detail).toMatch(/Import a CSV/);
    // A lead of one's own beside the demo, and a demo lead in the bin: one lead of your own.
    await core.invoke('leads-create', { lead: { firstName: 'Ana', email: 'ana@example.com' } });
    await core.invoke('leads-delete', { ids: ['demo-lead-0001'] });
    const after = await core.invoke('first-run-get', {});
    expect(after.steps.find((s) => s.id === 'leads')).toMatchObject({
      done: true,
      detail: '1 lead of your own.',
    });
  });

  it('FR2: steps are seen done from the profile name, a connected channel and a lead of your own', async () => {
    const clock = new FakeClock();
    const events = new CoreEvents();
    const board = new ConnectionBoard({ clock, events });
    core = await createTestCore({ clock, events, connections: board });
    board.failed('email', '535 bad login');
    expect((await done(core)).channel).toBe(false);
    board.connected('email');
    await core.invoke('engine-settings-update', {
      patch: {
        sender: { ...(await core.invoke('engine-settings-get', {})).sender, agentName: 'Dana Reyes' },
      },
    });
    await core.invoke('leads-create', { lead: { firstName: 'Ana', email: 'ana@example.com' } });
    const guide = await core.invoke('first-run-get', {});
    expect(guide.steps.map((s) => [s.id, s.done, s.detail])).toEqual([
      ['profile', true, 'Messages are signed Dana Reyes.'],
      ['channel', true, 'Connected: email.'],
      ['leads', true, '1 lead of your own.'],
      ['playbooks', false, 'Choose which sequences run for new and quiet leads.'],
    ]);
    const finished = await core.invoke('first-run-set', { mark: { step: 'playbooks', done: true } });
    expect(finished.finished).toBe(true);
    expect(finished.steps.at(-1)).toMatchObject({ done: true, marked: true });
  });

  it('FR3: skipped and resumed, and a step marked by hand can be unmarked', async () => {
    core = await createTestCore();
    const seen: boolean[] = [];
    core.ctx.events.on('first-run-changed', (g) => seen.push(g.skipped));
    expect((await core.invoke('first-run-set', { skipped: true })).skipped).toBe(true);
    expect((await core.invoke('first-run-get', {})).skipped).toBe(true);
    await core.invoke('first-run-set', { mark: { step: 'profile', done: true } });
    expect((await done(core)).profile).toBe(true);
    await core.invoke('first-run-set', { mark: { step: 'profile', done: false } });
    expect((await done(core)).profile).toBe(false);
    expect((await core.invoke('first-run-set', { skipped: false })).skipped).toBe(false);
    expect(seen).toEqual([true, true, true, false]);
  });
});
