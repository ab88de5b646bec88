import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, screenUrl, trayCount, trayMenuTemplate, type TrayActions } from './menus';

function actions(): TrayActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    show: () => calls.push('show'),
    open: (path) => calls.push(`open ${path}`),
    pauseAllSending: () => calls.push('pause'),
    resumeSending: () => calls.push('resume'),
    quit: () => calls.push('quit'),
  };
}

function flat(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flat(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('the application menu', () => {
  it('has the usual roles and shortcuts, and the screens on CmdOrCtrl+1..7', () => {
    const a = actions();
    const items = flat(appMenuTemplate('linux', a, { devTools: false }));
    const roles = items.map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'windowMenu']),
    );
    expect(roles).not.toContain('toggleDevTools');
    const today = items.find((item) => item.label === 'Today');
    expect(today?.accelerator).toBe('CmdOrCtrl+1');
    click(today);
    click(items.find((item) => item.label === 'Settings'));
    click(items.find((item) => item.label === 'Quit Porchlight'));
    expect(a.calls).toEqual(['open /today', 'open /settings', 'quit']);
  });

  it('has the macOS app menu there only, and developer tools only in a development build', () => {
    const mac = appMenuTemplate('darwin', actions(), { devTools: true });
    expect(mac[0]?.label).toBe('Porchlight');
    expect(flat(mac).map((item) => item.role)).toEqual(
      expect.arrayContaining(['about', 'hide', 'toggleDevTools']),
    );
    expect(appMenuTemplate('win32', actions(), { devTools: false })[0]?.label).toBe('File');
  });
});

describe('the tray', () => {
  it('shows the overdue count in its tooltip, title and first menu line', () => {
    expect(trayCount(0)).toEqual({ tooltip: 'Porchlight', title: '', label: 'No overdue follow-ups' });
    expect(trayCount(1)).toEqual({
      tooltip: 'Porchlight: 1 overdue follow-up',
      title: '1',
      label: '1 overdue follow-up',
    });
    expect(trayCount(12).label).toBe('12 overdue follow-ups');
  });

  it('opens, shows today, pauses and resumes sending, and quits', () => {
    const a = actions();
    const menu = trayMenuTemplate(3, a);
    expect(menu[0]).toMatchObject({ label: '3 overdue follow-ups', enabled: false });
    for (const label of [
      'Open Porchlight',
      "Today's follow-ups",
      'Pause all sending',
      'Resume sending',
      'Quit Porchlight',
    ])
      click(menu.find((item) => item.label === label));
    expect(a.calls).toEqual(['show', 'open /today', 'pause', 'resume', 'quit']);
  });
});

describe('screen addresses', () => {
  it('puts the screen in the hash of the built page, the lead id encoded', () => {
    expect(screenUrl('app://porchlight/index.html#/today', '/leads/abc 1')).toBe(
      'app://porchlight/index.html#/leads/abc%201',
    );
  });
});
