// The agent's profile (decision 0342): saved through its handlers with each bad field refused
// beside it, read by every message; a message whose template needs an empty field waits with
// the field and Settings → Profile named, and goes out once the profile is filled.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

const ZONE = 'America/Chicago';
const START = DateTime.fromISO('2026-06-01T10:00', { zone: ZONE }).toMillis();
const MINUTE = 60_000;

const NO_SENDER = {
  sender: {
    agentName: '',
    agentPhone: '',
    agentEmail: '',
    teamName: '',
    physicalAddress: '100 Congress Ave, Austin, TX 78701',
    unsubscribeUrlBase: '',
  },
};

let core: TestCore | EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function errorOf(promise: Promise<unknown>): Promise<PorchlightError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PorchlightError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('agent profile', () => {
  it('PR1: saves the profile, refusing a bad phone or email beside its field and keeping the rest', async () => {
    const c = await createTestCore({ start: START });
    core = c;
    const empty = await c.invoke('profile-get', {});
    expect(empty.missing).toEqual([
      'First name',
      'Last name',
      'Phone',
      'Email',
      'Brokerage',
      'Office address',
    ]);

    const refused = await errorOf(
      c.invoke('profile-set', { firstName: 'Dana', phone: '555-12', email: 'dana@' }),
    );
    expect(refused.code).toBe('validation');
    expect(refused.fieldErrors?.phone).toMatch(/phone "555-12" is not a valid US number/);
    expect(refused.fieldErrors?.email).toMatch(/"dana@" is not a valid email address/);
    expect(refused.message).toMatch(/phone and email/);
    expect((await c.invoke('profile-get', {})).profile.firstName).toBe('');

    const saved = await c.invoke('profile-set', {
      firstName: ' Dana ',
      lastName: 'Reyes',
      phone: '(512) 555-0100',
      email: 'Dana@Example.com',
      brokerage: 'Porchlight Realty',
      licence: 'TX 0123456',
      officeAddress: '100 Congress Ave, Austin, TX 78701',
    });
    expect(saved.profile).toMatchObject({
      firstName: 'Dana',
      phone: '+15125550100',
      email: 'dana@example.com',
    });
    expect(saved.missing).toEqual([]);
    // No written signature: one made of the fields, the phone as a lead reads it.
    expect(saved.signature).toBe(
      'Dana Reyes\nPorchlight Realty · Licence TX 0123456\n(512) 555-0100\ndana@example.com',
    );
    const written = await c.invoke('profile-set', { signature: 'Dana\nYour neighbour in real estate\n' });
    expect(written.signature).toBe('Dana\nYour neighbour in real estate');
  });

  it('PR2: a welcome email needing an empty profile field waits, naming it, and goes once the profile is filled', async () => {
    const c = await createEngineTestCore({ start: START, settings: NO_SENDER, without: ['sms', 'whatsapp'] });
    core = c;
    const { lead } = await c.invoke('leads-create', {
      lead: {
        firstName: 'Maria',
        lastName: 'Lopez',
        email: 'maria@example.com',
        timeZone: ZONE,
        intent: 'buy',
      },
    });
    await c.runFor(5 * MINUTE);
    expect(c.channels.mailer.sent).toHaveLength(0);
    const emailOf = async () =>
      (await c.invoke('messages-for-lead', { leadId: lead.id })).find((m) => m.stepIndex === 0);
    const welcome = await emailOf();
    expect(welcome).toMatchObject({ channel: 'email', status: 'waiting_for_profile' });
    expect(welcome?.statusReason).toMatch(
      /your name.*your brokerage.*your phone number.* in Settings → Profile/,
    );
    expect((await c.invoke('leads-get', { id: lead.id }))?.lastContactAt).toBe(0);
    expect((await c.invoke('profile-get', {})).waiting).toBe(1);

    await c.runFor(30 * MINUTE);
    expect(c.channels.mailer.sent).toHaveLength(0);
    await c.invoke('profile-set', {
      firstName: 'Dana',
      lastName: 'Reyes',
      phone: '+15125550100',
      email: 'dana@example.com',
      brokerage: 'Porchlight Realty',
    });
    await c.runFor(MINUTE);
    expect(c.channels.mailer.sent).toHaveLength(1);
    const sent = c.channels.mailer.sent[0];
    expect(sent?.body).toContain("I'm Dana Reyes with Porchlight Realty");
    expect(sent?.body).toContain('call or text me at (512) 555-0100');
    expect(sent?.body).toContain(
      '\n\nDana Reyes\nPorchlight Realty\n(512) 555-0100\ndana@example.com\n\n--\n',
    );
    expect(sent?.body).not.toMatch(/your agent/i);
    const after = await emailOf();
    expect(after).toMatchObject({ status: 'sent' });
    expect(after?.statusReason).toBeUndefined();
  });

  it('PR3: an upgraded workspace speaks with the sender settings it had until a profile is saved', async () => {
    const c = await createEngineTestCore({ start: START });
    core = c;
    const view = await c.invoke('profile-get', {});
    expect(view.profile).toMatchObject({
      firstName: 'Dana',
      lastName: 'Reyes',
      phone: '+15125550100',
      brokerage: 'Porchlight Realty',
    });
    expect(view.officeAddress).toBe('100 Congress Ave, Austin, TX 78701');
    const preview = await c.invoke('templates-preview', {
      channel: 'sms',
      body: 'Hi, {{agent.first_name}} at {{agent.phone}}',
    });
    expect(preview.text).toBe('Hi, Dana at (512) 555-0100');
    const refused = await c.invoke('templates-preview', {
      channel: 'sms',
      body: 'Licence {{agent.licence}}',
    });
    expect(refused.error).toMatchObject({ code: 'missing_profile' });
    expect(refused.error?.message).toMatch(
      /your licence number \(\{\{agent\.licence\}\}\).*Settings → Profile/,
    );
  });
});
