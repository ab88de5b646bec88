// The desktop shell's wiring, exercised where the Electron binary cannot run: the BUILT main
// bundle (out/main/index.js, from `npx electron-vite build`) starts under plain Node with the
// test's Electron stand-in (test/desktop/electron-stand-in.ts) on a temporary data folder.
// It starts core, creates the window and the tray, serves our page with the CSP header,
// answers an IPC call from the renderer's frame and refuses one from a foreign frame, shows
// a notification for an overdue task whose click opens the lead's page, keeps running in the
// tray when the window closes (said once), and quits closing the database cleanly.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP_HEADER } from '../../src-shared/security/content-security-policy';
import { repoRoot } from '../support/headless-process';
import { startBuiltMain, type StandInRun } from '../desktop/stand-in-run';

const OWN = 'app://porchlight/index.html';
const INVOKE = 'porchlight:invoke';
let dir: string;
let run: StandInRun;

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'out/main/index.js')))
    throw new Error('Run `npx electron-vite build` first.');
  dir = mkdtempSync(join(tmpdir(), 'porchlight-desktop-'));
  run = startBuiltMain(dir);
  await run.waitFor('tray');
});

afterAll(() => {
  run.kill();
  rmSync(dir, { recursive: true, force: true });
});

type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };
async function invoke(frameUrl: string, name: string, args: unknown): Promise<Reply> {
  const answer = await run.ask({ type: 'invoke', channel: INVOKE, frameUrl, name, args }, 'invoked');
  return answer.reply as Reply;
}

describe('the built desktop main bundle', () => {
  it('carries none of the stand-in: it imports the real electron module', () => {
    const bundle = readFileSync(join(repoRoot, 'out/main/index.js'), 'utf8');
    expect(bundle).toMatch(/from "electron"/);
    expect(bundle).not.toMatch(/stand-in|standIn/i);
  });

  it('opens a sandboxed window on our own scheme, with the menu and the tray', async () => {
    const window = await run.waitFor('window');
    expect(window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect((await run.waitFor('load')).url).toBe(OWN);
    const schemes = await run.waitFor('schemes');
    expect(schemes.schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect((await run.waitFor('app-menu')).labels).toEqual(expect.arrayContaining(['Edit', 'View', 'Go']));
    const tray = await run.waitFor('tray');
    expect(tray.labels).toEqual(
      expect.arrayContaining([
        'Open Porchlight',
        "Today's follow-ups",
        'Pause all sending',
        'Quit Porchlight',
      ]),
    );
    // Start at login stays off until chosen.
    expect((await run.waitFor('login-item')).settings).toMatchObject({ openAtLogin: false });
  });

  it('serves the built page with the CSP as a header, and nothing outside the renderer folder', async () => {
    const page = (await run.ask({ type: 'fetch', url: OWN }, 'fetched')).response;
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']?.[0] ?? page.headers['Content-Security-Policy']?.[0]).toBe(
      RENDERER_CSP_HEADER,
    );
    expect(RENDERER_CSP_HEADER).not.toContain('ws://');
    expect(page.body).toContain('<!doctype html');
    // The page's own script, by the relative address the built page names.
    const html = readFileSync(join(repoRoot, 'out/renderer/index.html'), 'utf8');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = (await run.ask({ type: 'fetch', url: `app://porchlight/${script}` }, 'fetched')).response;
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']?.[0]).toBe('text/javascript; charset=utf-8');
    for (const url of [
      'app://porchlight/%2e%2e/%2e%2e/package.json',
      'app://porchlight/..%2f..%2fpackage.json',
      'app://elsewhere/index.html',
    ])
      expect((await run.ask({ type: 'fetch', url }, 'fetched')).response.status).toBe(404);
  });

  it('grants the page no permission', async () => {
    const answer = await run.ask({ type: 'permission', permission: 'media' }, 'permission');
    expect(answer).toMatchObject({ checked: false, requested: false });
  });

  it('answers the renderer frame over IPC and refuses a foreign frame', async () => {
    const own = await invoke(`${OWN}#/leads`, 'app-info', {});
    expect(own).toMatchObject({ ok: true, result: { shell: 'desktop', dataDir: dir } });
    const foreign = await invoke('https://evil.example.com/', 'app-info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const fileFrame = await invoke('file:///tmp/other.html', 'app-info', {});
    expect(fileFrame.ok).toBe(false);
  });

  it('notifies an overdue task, counts it in the tray, and a click opens the lead', async () => {
    const leads = await invoke(OWN, 'leads-query', {});
    expect(leads.ok).toBe(true);
    const rows = (leads as { result: { rows: { id: string }[] } }).result.rows;
    const leadId = rows[0]?.id ?? '';
    const before = run.reports.filter((r) => r.type === 'tray').length;
    const created = await invoke(OWN, 'tasks-create', {
      task: { leadId, title: 'Call back about the open house', dueAt: Date.now() - 60_000 },
    });
    expect(created.ok).toBe(true);
    const shown = await run.waitFor(
      'notification',
      (n) => n.title === 'Overdue: Call back about the open house',
    );
    await run.waitFor(
      'tray',
      (t) =>
        run.reports.filter((r) => r.type === 'tray').indexOf(t) >= before &&
        /overdue follow-up/.test(t.tooltip),
    );
    run.send({ type: 'click-notification', index: shown.index });
    await run.waitFor('load', (l) => l.url === `${OWN}#/leads/${encodeURIComponent(leadId)}`);
  });

  it('turns start at login on when the setting says so', async () => {
    const set = await invoke(OWN, 'desktop-settings-set', { startAtLogin: true });
    expect(set).toMatchObject({ ok: true, result: { startAtLogin: true, available: true } });
    await run.waitFor('login-item', (l) => l.settings.openAtLogin === true);
  });

  it('keeps running in the tray when the window closes, and says so once', async () => {
    run.send({ type: 'close-window' });
    await run.waitFor('window-hidden');
    await run.waitFor('notification', (n) => n.title === 'Porchlight is still running');
  });

  it('remembers the window size, and quits closing the database cleanly', async () => {
    run.send({ type: 'resize-window', bounds: { width: 1400, height: 900 } });
    run.send({ type: 'quit' });
    await run.waitFor('quit');
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dir, 'porchlight.lock'))).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')) as {
      byDisplay: Record<string, { bounds: { width: number; height: number } }>;
    };
    expect(Object.values(state.byDisplay)[0]?.bounds).toMatchObject({ width: 1400, height: 900 });
    const db = new Database(join(dir, 'porchlight.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
