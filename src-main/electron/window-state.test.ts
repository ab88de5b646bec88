import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DisplayArea } from './window-state';
import {
  DEFAULT_SIZE,
  displayKey,
  readWindowState,
  rememberPlacement,
  WINDOW_STATE_FILE,
  windowOpening,
  writeWindowStateNow,
} from './window-state';

const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: DisplayArea = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1415 } };

describe('the window remembers its place per display', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(windowOpening({ byDisplay: {} }, [laptop])).toEqual({
      bounds: { ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('reopens where it was on the display it was last on, maximised or not', () => {
    let state = rememberPlacement(
      { byDisplay: {} },
      laptop,
      { x: 40, y: 60, width: 1200, height: 760 },
      false,
    );
    state = rememberPlacement(state, monitor, { x: 1600, y: 100, width: 1800, height: 1100 }, true);
    expect(windowOpening(state, [laptop, monitor])).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1100 },
      maximized: true,
    });
    // Back on the laptop: its own bounds there.
    state = rememberPlacement(state, laptop, { x: 40, y: 60, width: 1200, height: 760 }, false);
    expect(windowOpening(state, [laptop, monitor]).bounds).toEqual({
      x: 40,
      y: 60,
      width: 1200,
      height: 760,
    });
  });

  it('opens at the default size when the last display is gone (off the dock), never off-screen', () => {
    const state = rememberPlacement(
      { byDisplay: {} },
      monitor,
      { x: 1600, y: 100, width: 1800, height: 1100 },
      false,
    );
    expect(windowOpening(state, [laptop])).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
  });

  it('clamps bounds into the work area (a smaller resolution on the same display)', () => {
    const state = rememberPlacement(
      { byDisplay: {} },
      laptop,
      { x: 1300, y: -50, width: 3000, height: 700 },
      false,
    );
    const smaller = { ...laptop };
    const opening = windowOpening(state, [smaller]);
    expect(opening.bounds).toEqual({ x: 0, y: 25, width: 1440, height: 700 });
  });

  it('names a display by id and work area', () => {
    expect(displayKey(laptop)).toBe('1:1440x875@0,25');
  });

  it('reads what it wrote, and treats a broken file as a first launch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-window-'));
    try {
      expect(readWindowState(dir)).toEqual({ byDisplay: {} });
      const state = rememberPlacement(
        { byDisplay: {} },
        laptop,
        { x: 10, y: 30, width: 1100, height: 700 },
        false,
      );
      writeWindowStateNow(dir, state);
      expect(readWindowState(dir)).toEqual(state);
      writeFileSync(join(dir, WINDOW_STATE_FILE), '{"byDisplay": 4');
      expect(readWindowState(dir)).toEqual({ byDisplay: {} });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
