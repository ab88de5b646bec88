// The installers' configuration (electron-builder.json): checked against electron-builder's own
// schema, and for what the desktop needs: the four installer kinds, only the built app in the
// package (never src/ or test/, so the Electron stand-in cannot ship), better-sqlite3 rebuilt
// for Electron and unpacked from the asar, the fuses, and the icon.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/headless-process';

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

const config = JSON.parse(readFileSync(join(repoRoot, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const require = createRequire(import.meta.url);

describe('the installers configuration', () => {
  it('is valid for electron-builder', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(this: void, config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, linux: { ...config.linux, targets: [] } }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'targets'/);
  });

  it('builds AppImage and deb, NSIS, and DMG, under one app id', () => {
    expect(config.appId).toBe('app.porchlight.desktop');
    expect(config.productName).toBe('Porchlight');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('packages the built app only: never sources, tests or the Electron stand-in', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    for (const pattern of config.files.filter((p) => !p.startsWith('!')))
      expect(pattern).not.toMatch(/^(src-|test)/);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(pkg.main).toBe('./out/main/index.js');
    expect(pkg.scripts.dist).toBe(
      'electron-vite build && electron-builder --config electron-builder.json --publish never',
    );
  });

  it('rebuilds better-sqlite3 for Electronʼs ABI and unpacks it from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
  });

  it('sets the fuses: no RunAsNode, no NODE_OPTIONS, cookies encrypted, the app only from a checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has a 512x512 PNG icon for every platform', () => {
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      const png = readFileSync(join(repoRoot, icon));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
  });
});
