// The templates feature's contract: CRUD and a live preview with the SMS segment counter.
import { z } from 'zod';
import type { Template } from '../domain';
import { channelSchema, idSchema, longTextSchema, shortTextSchema } from '../domain';
import type { SegmentCount } from '../sms/segments';

export const templateInputSchema = z.object({
  name: shortTextSchema.min(1),
  channel: channelSchema,
  subject: shortTextSchema.optional(),
  body: longTextSchema.min(1),
  /** Email only: the HTML part; empty removes it (the HTML is then made from the text). */
  html: longTextSchema.optional(),
});

export const templateArgs = {
  'templates-list': z.object({ channel: channelSchema.optional() }).default({}),
  'templates-get': z.object({ id: idSchema }),
  'templates-create': z.object({ template: templateInputSchema }),
  'templates-update': z.object({ id: idSchema, patch: templateInputSchema.partial() }),
  /** Refused while a sequence uses the template. */
  'templates-delete': z.object({ id: idSchema }),
  /** The sequences whose current or running versions use the template, with the steps. */
  'templates-usage': z.object({ id: idSchema }),
  'templates-preview': z.object({
    channel: channelSchema,
    subject: shortTextSchema.optional(),
    body: longTextSchema,
    html: longTextSchema.optional(),
    leadId: idSchema.optional(),
  }),
};

export interface TemplatePreview {
  text: string;
  subject?: string;
  /** Email only: the HTML part as sent, footer included (made from the text when there is none). */
  html?: string;
  /** SMS and WhatsApp only. */
  segments?: SegmentCount;
  warnings: string[];
  /** Set when the template would be refused at send time; `text` is then empty. */
  error?: { code: string; message: string };
}

export interface TemplateUse {
  sequenceId: string;
  name: string;
  status: 'active' | 'paused' | 'archived';
  /** 1-based step numbers in the current version. */
  steps: number[];
  /** True when only an earlier version (still run by enrolled leads) uses it. */
  onlyPastVersions: boolean;
}

export interface TemplateResults {
  'templates-list': Template[];
  'templates-get': Template | null;
  'templates-create': Template;
  'templates-update': Template;
  'templates-delete': { deleted: boolean };
  'templates-preview': TemplatePreview;
  'templates-usage': TemplateUse[];
}

export interface TemplateEvents {
  'templates-changed': { ids: string[] };
}
