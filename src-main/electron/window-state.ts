// The main window's size, position and maximised state, remembered per display in
// `window-state.json` (userData). A window reopens on the display it was last on, with the
// bounds it had there, clamped into that display's work area; when that display is gone (a
// laptop off its dock) it opens at the default size centred on the primary display, never
// off-screen. Pure: Electron's screen and window only feed and receive these values.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../adapters/secrets/atomic-file';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof rectSchema>;

const placementSchema = z.object({ bounds: rectSchema, maximized: z.boolean() });
export type Placement = z.infer<typeof placementSchema>;

const stateSchema = z.object({
  lastDisplay: z.string().optional(),
  byDisplay: z.record(z.string(), placementSchema).default({}),
});
export type WindowState = z.infer<typeof stateSchema>;

export interface DisplayArea {
  /** Electron's display id; with the work area it names the display across launches. */
  id: number;
  workArea: Rect;
}

/** Names a display by id and work area, so a different monitor on the same port is another. */
export function displayKey(display: DisplayArea): string {
  const { x, y, width, height } = display.workArea;
  return `${display.id}:${width}x${height}@${x},${y}`;
}

export interface WindowOpening {
  /** Position is absent when the window should be centred on the primary display. */
  bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  maximized: boolean;
}

export function windowOpening(state: WindowState, displays: readonly DisplayArea[]): WindowOpening {
  const display = displays.find((d) => displayKey(d) === state.lastDisplay);
  const saved = state.lastDisplay === undefined ? undefined : state.byDisplay[state.lastDisplay];
  if (display === undefined || saved === undefined) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const area = display.workArea;
  const width = clamp(saved.bounds.width, Math.min(MIN_SIZE.width, area.width), area.width);
  const height = clamp(saved.bounds.height, Math.min(MIN_SIZE.height, area.height), area.height);
  const x = clamp(saved.bounds.x, area.x, area.x + area.width - width);
  const y = clamp(saved.bounds.y, area.y, area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** The state after the window was moved, resized, maximised or restored on `display`. */
export function rememberPlacement(
  state: WindowState,
  display: DisplayArea,
  normalBounds: Rect,
  maximized: boolean,
): WindowState {
  const key = displayKey(display);
  const bounds = {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
  };
  return { lastDisplay: key, byDisplay: { ...state.byDisplay, [key]: { bounds, maximized } } };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** Reads the remembered state; a missing or unreadable file is a first launch. */
export function readWindowState(userDataDir: string): WindowState {
  try {
    const raw: unknown = JSON.parse(readFileSync(join(userDataDir, WINDOW_STATE_FILE), 'utf8'));
    return stateSchema.parse(raw);
  } catch {
    return { byDisplay: {} };
  }
}

export function writeWindowState(userDataDir: string, state: WindowState): Promise<void> {
  return writeFileAtomic(join(userDataDir, WINDOW_STATE_FILE), JSON.stringify(state), 0o600);
}

/** On close: written before the window goes, so a quit right after cannot lose it. */
export function writeWindowStateNow(userDataDir: string, state: WindowState): void {
  const path = join(userDataDir, WINDOW_STATE_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
