// Workspace-level handlers: what the shell shows about itself, settings, the demo workspace.
import { z } from 'zod';

export const appArgs = {
  'app-info': z.object({}).default({}),
  'demo-remove': z.object({}).default({}),
  'demo-create': z.object({}).default({}),
  /** The getting-started guide: each step and whether it is done, and whether it was skipped. */
  'first-run-get': z.object({}).default({}),
  /** Skip or resume the guide, or mark one step done (or not) by hand. */
  'first-run-set': z.object({
    skipped: z.boolean().optional(),
    mark: z
      .object({ step: z.enum(['profile', 'channel', 'leads', 'playbooks']), done: z.boolean() })
      .optional(),
  }),
};

export const firstRunSteps = ['profile', 'channel', 'leads', 'playbooks'] as const;
export type FirstRunStepId = (typeof firstRunSteps)[number];

export interface FirstRunStep {
  id: FirstRunStepId;
  done: boolean;
  /** Why it counts as done, or what doing it means, in words. */
  detail: string;
  /** Marked done by hand rather than seen done. */
  marked: boolean;
}

export interface FirstRun {
  steps: FirstRunStep[];
  skipped: boolean;
  /** Every step done. */
  finished: boolean;
}

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
  'first-run-get': FirstRun;
  'first-run-set': FirstRun;
}

export interface AppEvents {
  'demo-changed': { hasDemo: boolean };
  'first-run-changed': FirstRun;
  /** An in-app notification for the agent (the headless shell's tray). */
  notification: { id: string; leadId: string; title: string; body: string };
}
