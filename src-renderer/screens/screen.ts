// What a screen declares to the shell: its address, its place in the navigation bar (if any),
// the key that goes there after `g`, and the shortcuts it adds to the `?` list.
import type { ComponentType } from 'react';
import type { RouteParams } from '../shell/router';

export interface Shortcut {
  keys: string;
  does: string;
}

export interface Screen {
  /** Hash path pattern: literal segments and `:name` parameters (`/leads/:id`). */
  path: string;
  /** The browser tab's title. */
  title: string;
  /** Shown in the navigation bar when set; the order of the list is the bar's order. */
  nav?: string;
  /** `g` then this key goes to the screen. */
  goKey?: string;
  shortcuts?: readonly Shortcut[];
  component: ComponentType<{ params: RouteParams }>;
}

/**
 * A screen of the navigation bar: its address is its label in lower case (`Today` at
 * `#/today`), and the tab's title is the label too.
 */
export function navScreen(
  label: string,
  goKey: string,
  component: Screen['component'],
  shortcuts: readonly Shortcut[] = [],
): Screen {
  return { path: `/${label.toLowerCase()}`, title: label, nav: label, goKey, shortcuts, component };
}

/** The keys every list of leads' items shares: moving through it and opening the lead. */
export function listShortcuts(items: string, ...more: Shortcut[]): Shortcut[] {
  return [
    { keys: '↑ ↓  or  j k', does: `Move between ${items}` },
    { keys: 'Enter', does: 'Open the lead' },
    ...more,
  ];
}
