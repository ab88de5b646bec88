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
