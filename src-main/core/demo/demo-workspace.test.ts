import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { ensureFirstRun } from './demo-workspace';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.close();
});

describe('demo workspace', () => {
  it('is created once on first run, with fictional numbers and reserved domains only', async () => {
    await ensureFirstRun(core.ctx, { demo: true });
    await ensureFirstRun(core.ctx, { demo: true });
    const leads = await core.ctx.db.leads.find().exec();
    expect(leads.length).toBe(300);
    for (const lead of leads) {
      expect(lead.demo).toBe(true);
      expect(lead.phone).toMatch(/^\+1\d{3}5550(1\d\d)$/);
      expect(lead.email).toMatch(/@example\.com$/);
      expect(lead.timeZone).not.toBe('');
    }
    const stages = new Set(leads.map((lead) => lead.stage));
    expect(stages.size).toBeGreaterThanOrEqual(6);
    expect(await core.ctx.db.messages.count().exec()).toBeGreaterThan(300);
    expect((await core.invoke('app-info', {})).hasDemo).toBe(true);
  });

  it("speaks in the agent's profile: never 'your agent', signed with the first name once there is one", async () => {
    await ensureFirstRun(core.ctx, { demo: true });
    const unsigned = (await core.ctx.db.messages.find().exec()).map((m) => m.body);
    expect(unsigned.filter((body) => /your agent/i.test(body))).toEqual([]);
    expect(unsigned.some((body) => body.includes('following up on your note'))).toBe(true);
    await core.invoke('demo-remove', {});
    await core.invoke('profile-set', { firstName: 'Dana' });
    await core.invoke('demo-create', {});
    const signed = (await core.ctx.db.messages.find().exec()).map((m) => m.body);
    expect(signed.some((body) => body.includes("it's Dana. When is a good time to talk?"))).toBe(true);
    expect(signed.filter((body) => /your agent/i.test(body))).toEqual([]);
  });

  it('shows the engine at work: a few demo buyers run a playbook, first touches due in the coming hours', async () => {
    await ensureFirstRun(core.ctx, { demo: true });
    const now = core.clock.now();
    const running = await core.ctx.db.enrollments.find({ selector: { status: 'active' } }).exec();
    expect(running.length).toBe(3);
    expect(running.every((e) => e.demo && e.sequenceId === 'builtin-new-buyer')).toBe(true);
    const due = await core.ctx.db.messages.find({ selector: { status: 'scheduled' } }).exec();
    expect(due.length).toBe(3);
    for (const message of due) {
      expect(message.demo).toBe(true);
      expect(message.sendAt).toBeGreaterThan(now);
      expect(message.sendAt).toBeLessThanOrEqual(now + 24 * 3_600_000);
    }
    await core.invoke('demo-remove', {});
    expect(await core.ctx.db.enrollments.count().exec()).toBe(0);
  });

  it('is removed by the setting, leaving the leads a person added', async () => {
    await ensureFirstRun(core.ctx, { demo: true });
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Real', email: 'real@example.org' },
    });
    const { removed } = await core.invoke('demo-remove', {});
    expect(removed).toBeGreaterThan(300);
    expect((await core.invoke('leads-counts', {})).total).toBe(1);
    expect(await core.invoke('leads-get', { id: lead.id })).not.toBeNull();
    expect(await core.ctx.db.messages.count({ selector: { demo: true } }).exec()).toBe(0);
    expect((await core.invoke('app-info', {})).hasDemo).toBe(false);
  });

  it('comes back whole after it was removed, with its running playbook', async () => {
    await ensureFirstRun(core.ctx, { demo: true });
    const before = (await core.invoke('leads-counts', {})).total;
    await core.invoke('demo-remove', {});
    const { created } = await core.invoke('demo-create', {});
    expect(created).toBe(before);
    expect((await core.invoke('leads-counts', {})).total).toBe(before);
    expect((await core.invoke('app-info', {})).hasDemo).toBe(true);
    expect(await core.ctx.db.enrollments.count({ selector: { demo: true } }).exec()).toBeGreaterThan(0);
  });

  it('is not created when first run asks for an empty workspace', async () => {
    await ensureFirstRun(core.ctx, { demo: false });
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
  });
});
