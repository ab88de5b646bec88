// Smoke test of the real desktop app through Playwright's Electron driver: launch, the lead grid
// appears, the tray shows the overdue count that core reports. It needs the Electron binary:
// `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD, or PORCHLIGHT_ELECTRON_EXECUTABLE naming a
// packaged app (the installers workflow points it at the unpacked build). Where neither is
// there it is skipped, and says why in one line.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { repoRoot } from '../support/headless-process';

function electronBinary(): { executablePath: string; packaged: boolean } | string {
  const packaged = process.env.PORCHLIGHT_ELECTRON_EXECUTABLE;
  if (packaged !== undefined && packaged !== '')
    return existsSync(packaged)
      ? { executablePath: packaged, packaged: true }
      : `PORCHLIGHT_ELECTRON_EXECUTABLE=${packaged} does not exist`;
  const pathFile = join(repoRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile))
    return 'the Electron binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the stand-in test covers the shell here';
  const executablePath = join(repoRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executablePath)
    ? { executablePath, packaged: false }
    : `the Electron binary is missing at ${executablePath}`;
}

const binary = electronBinary();
if (typeof binary === 'string') console.info(`Electron smoke test skipped: ${binary}.`);

describe.skipIf(typeof binary === 'string')('the desktop app (Electron)', () => {
  let dir: string;
  let electronApp: ElectronApplication;

  beforeAll(async () => {
    if (typeof binary === 'string') return;
    dir = mkdtempSync(join(tmpdir(), 'porchlight-electron-'));
    electronApp = await _electron.launch({
      executablePath: binary.executablePath,
      args: [
        ...(binary.packaged ? [] : ['.']),
        `--data=${dir}`,
        ...(process.platform === 'linux' ? ['--no-sandbox'] : []),
      ],
      cwd: repoRoot,
    });
  });

  afterAll(async () => {
    await electronApp?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the lead grid, with the overdue count in the tray', async () => {
    const page = await electronApp.firstWindow();
    await page.getByRole('grid', { name: 'Leads' }).waitFor();
    await page.screenshot({ path: join(repoRoot, 'test-results/electron-app.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overdue = await page.evaluate(async () => {
      const bridge = (
        window as unknown as { porchlight: { invoke(name: string, args: unknown): Promise<unknown[]> } }
      ).porchlight;
      return (await bridge.invoke('tasks-overdue', {})).length;
    });
    await expect
      .poll(() =>
        electronApp.evaluate(
          () =>
            (Reflect.get(globalThis, Symbol.for('porchlight.tray')) as { overdue: number } | undefined)
              ?.overdue,
        ),
      )
      .toBe(overdue);
  });
});
