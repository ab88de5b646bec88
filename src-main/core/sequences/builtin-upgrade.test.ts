// Upgrading the built-ins of an existing workspace (decision 0343): a template still as first
// shipped gets the current text, one the team edited is kept word for word; a built-in sequence
// still without per-step fallbacks gets them as a new version, an edited one is kept.
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_SEQUENCES, BUILTIN_TEMPLATES } from '../../../src-shared/playbooks';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { templateFingerprint, upgradeBuiltIns } from './builtin-upgrade';
import { installBuiltIns } from './sequence-store';

const FIRST_WELCOME_TEXT =
  'Hi {{first_name|there}}, this is {{agent_name|your agent}}. Thanks for your home search inquiry! Is now a good time for a quick call?';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function setBody(c: TestCore, id: string, body: string): Promise<void> {
  const doc = await c.ctx.db.templates.findOne(id).exec();
  await doc?.incrementalModify((t) => ({ ...t, body }));
}

describe('built-in upgrade', () => {
  it('BU1: untouched built-ins get the current text and fallbacks; edited ones are left as written', async () => {
    const c = await createTestCore({ start: '2026-06-01T10:00:00Z' });
    core = c;
    await installBuiltIns(c.ctx);
    // The workspace as an earlier version left it.
    await setBody(c, 'tpl-buyer-welcome-sms', FIRST_WELCOME_TEXT);
    await setBody(c, 'tpl-checkin-sms', 'Hey {{first_name|there}}, Dana here, how is the search going?');
    const buyer = await c.ctx.db.sequences.findOne('builtin-new-buyer').exec();
    await buyer?.incrementalModify((s) => ({
      ...s,
      steps: s.steps.map(({ fallback: _f, ...step }) => step),
    }));
    const seller = await c.ctx.db.sequences.findOne('builtin-new-seller').exec();
    await seller?.incrementalModify((s) => ({
      ...s,
      steps: s.steps.map(({ fallback: _f, ...step }, i) =>
        i === 0 ? { ...step, window: { start: '09:00', end: '17:00' } } : step,
      ),
    }));

    expect(await upgradeBuiltIns(c.ctx)).toEqual({ templates: 1, sequences: 1 });
    const current = BUILTIN_TEMPLATES.find((t) => t.id === 'tpl-buyer-welcome-sms');
    expect((await c.ctx.db.templates.findOne('tpl-buyer-welcome-sms').exec())?.body).toBe(current?.body);
    expect((await c.ctx.db.templates.findOne('tpl-checkin-sms').exec())?.body).toBe(
      'Hey {{first_name|there}}, Dana here, how is the search going?',
    );
    const upgraded = (await c.ctx.db.sequences.findOne('builtin-new-buyer').exec())?.toMutableJSON();
    expect(upgraded?.version).toBe(2);
    expect(upgraded?.steps).toEqual(BUILTIN_SEQUENCES.find((s) => s.id === 'builtin-new-buyer')?.steps);
    expect(upgraded?.pastVersions[0]?.steps.some((s) => s.fallback !== undefined)).toBe(false);
    const kept = (await c.ctx.db.sequences.findOne('builtin-new-seller').exec())?.toMutableJSON();
    expect(kept?.version).toBe(1);
    expect(kept?.steps[0]?.window).toEqual({ start: '09:00', end: '17:00' });

    // Run again (every start): nothing more to do.
    expect(await upgradeBuiltIns(c.ctx)).toEqual({ templates: 0, sequences: 0 });
  });

  it('BU2: the fingerprint of the first shipped welcome text is one the upgrade knows', () => {
    expect(templateFingerprint({ name: 'Buyer: welcome text', body: FIRST_WELCOME_TEXT })).toBe(
      'c64303ad6917db72',
    );
  });
});
