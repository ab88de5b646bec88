import { describe, expect, it } from 'vitest';
import { desktopSettingsSchema } from '../../src-shared/ipc/desktop';
import {
  dataFolderFromArgs,
  HIDDEN_FLAG,
  loginItemFor,
  onWindowClose,
  startsHidden,
} from './desktop-preferences';

describe('desktop preferences', () => {
  it('start at login is off by default, and never registered from a development build', () => {
    const defaults = desktopSettingsSchema.parse({});
    expect(defaults).toEqual({ startAtLogin: false, closeToTray: true, closeToTrayExplained: false });
    expect(loginItemFor(defaults, true).openAtLogin).toBe(false);
    expect(loginItemFor({ startAtLogin: true }, true)).toEqual({
      openAtLogin: true,
      openAsHidden: true,
      args: [HIDDEN_FLAG],
    });
    expect(loginItemFor({ startAtLogin: true }, false).openAtLogin).toBe(false);
  });

  it('a start at login opens in the tray without the window', () => {
    expect(startsHidden(['/opt/Porchlight/porchlight', HIDDEN_FLAG], false)).toBe(true);
    expect(startsHidden(['/opt/Porchlight/porchlight'], true)).toBe(true);
    expect(startsHidden(['/opt/Porchlight/porchlight'], false)).toBe(false);
  });

  it('closing the window keeps Porchlight in the tray (said once), unless set otherwise or quitting', () => {
    expect(onWindowClose({ closeToTray: true, closeToTrayExplained: false }, false)).toEqual({
      action: 'hide',
      explain: true,
    });
    expect(onWindowClose({ closeToTray: true, closeToTrayExplained: true }, false)).toEqual({
      action: 'hide',
      explain: false,
    });
    expect(onWindowClose({ closeToTray: false, closeToTrayExplained: false }, false)).toEqual({
      action: 'close',
    });
    expect(onWindowClose({ closeToTray: true, closeToTrayExplained: true }, true)).toEqual({
      action: 'close',
    });
  });
});

describe('the data folder flag', () => {
  it('takes --data=<folder> as the headless shell does, and nothing else', () => {
    expect(dataFolderFromArgs(['porchlight', '--data=/tmp/agent'])).toBe('/tmp/agent');
    expect(dataFolderFromArgs(['porchlight', '--data='])).toBeUndefined();
    expect(dataFolderFromArgs(['porchlight', '--hidden'])).toBeUndefined();
  });
});
