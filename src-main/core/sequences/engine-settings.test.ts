// The sending rules (the engine's settings) are refused field by field, in the product's
// words, naming the settings section, and nothing of a refused patch is saved.
import { afterEach, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('sending rules', () => {
  it('ES1: refused field by field, in words, naming the section', async () => {
    core = await createTestCore();
    const refused = await core
      .invoke('engine-settings-update', {
        patch: {
          quietHours: { start: '21:00', end: '08:00' },
          sendWeekdays: [],
          holidays: ['25/12/2026'],
          teamTimeZone: 'Mars/Olympus',
          rateLimits: { sms: 0, whatsapp: 60, email: 120, call: 600, notification: 120 },
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    if (!(refused instanceof PorchlightError)) throw new Error('the sending rules were saved');
    expect(refused.message).toMatch(/^The sending rules were not saved \(Settings → Sending rules\)/);
    expect(refused.fieldErrors).toMatchObject({
      'quietHours.end': 'the end must be after the start',
      sendWeekdays: 'choose at least one day with automatic sends',
      'holidays.0': 'a date written yyyy-mm-dd, such as 2026-12-25',
      teamTimeZone: 'a time zone such as America/Chicago',
      'rateLimits.sms': 'at least 1 a minute (pause a sequence to stop sending)',
    });
    // Nothing of it was saved.
    expect((await core.invoke('engine-settings-get', {})).quietHours).toEqual({
      start: '08:00',
      end: '21:00',
    });
  });
});
