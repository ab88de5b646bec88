// Workspace-level handlers: what the shell shows about itself, settings, the demo workspace.
import { z } from 'zod';

export const appArgs = {
  'app-info': z.object({}).default({}),
  'demo-remove': z.object({}).default({}),
  'demo-create': z.object({}).default({}),
};

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'headless';
  dataDir: string;
  hasDemo: boolean;
}

export interface AppResults {
  'app-info': AppInfo;
  'demo-remove': { removed: number };
  'demo-create': { created: number };
}

export interface AppEvents {
  'demo-changed': { hasDemo: boolean };
  /** An in-app notification for the agent (the headless shell's tray). */
  notification: { id: string; leadId: string; title: string; body: string };
}
