import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPushable } from '../sync/replicated';
import { createTestCore, type TestCore } from '../testing/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(() => core.close());

describe('desktop settings', () => {
  it('start at login is off and close to tray on until chosen; headless says they do not apply', async () => {
    expect(await core.invoke('desktop-settings-get', {})).toEqual({
      startAtLogin: false,
      closeToTray: true,
      closeToTrayExplained: false,
      available: false,
    });
  });

  it('saves a change, says so with desktop-settings-changed, and keeps it on this computer', async () => {
    await core.close();
    core = await createTestCore({ shell: 'desktop' });
    const heard: unknown[] = [];
    core.ctx.events.on('desktop-settings-changed', (view) => heard.push(view));
    const saved = await core.invoke('desktop-settings-set', { startAtLogin: true });
    expect(saved).toMatchObject({ startAtLogin: true, closeToTray: true, available: true });
    expect(heard).toEqual([saved]);
    expect((await core.invoke('desktop-settings-get', {})).startAtLogin).toBe(true);
    const doc = await core.ctx.db.settings.findOne('desktop').exec();
    expect(isPushable('settings', doc?.toJSON() as Record<string, unknown>, 'team-test')).toBe(false);
  });

  it('refuses a value that is not a yes or no', async () => {
    await expect(core.app.invoke('desktop-settings-set', { startAtLogin: 'yes' })).rejects.toMatchObject({
      code: 'invalid_args',
    });
  });
});
