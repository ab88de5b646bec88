// The templates feature: CRUD (placeholders checked on save) and the editor's live preview with
// the SMS segment counter and the exact refusal a send would meet.
import { randomUUID } from 'node:crypto';
import type { Template } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { TemplatePreview, TemplateUse } from '../../../src-shared/ipc/templates';
import { countSegments, segmentWarning } from '../../../src-shared/sms/segments';
import {
  DEFAULT_EMAIL_SUBJECT,
  TemplateError,
  htmlFromText,
  parseTemplate,
  renderHtmlTemplate,
  renderTemplate,
  withEmailFooter,
  withHtmlEmailFooter,
} from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import type { TemplateLead } from '../engine/template-values';
import { footerOf, templateValuesFor } from '../engine/template-values';
import { propertyContentFor, usesPropertySummary } from '../listings/alert-block';
import type { PropertyContent } from '../listings/alert-block';
import { PROPERTY_BLOCK_MARK, blockOf, sampleHomesFor, spliceCards } from '../listings/property-block';
import { usesPropertyBlock } from '../listings/property-block';
import { propertySummary } from '../../../src-shared/listings/alerts';
import { criteriaOf } from '../../../src-shared/listings/match';
import { voiceFor } from '../profile/voice';

function checkPlaceholders(fields: {
  body?: string | undefined;
  subject?: string | undefined;
  html?: string | undefined;
}): void {
  for (const [field, text] of Object.entries(fields)) {
    if (text === undefined) continue;
    try {
      parseTemplate(text);
    } catch (error) {
      if (error instanceof TemplateError)
        throw new PorchlightError('validation', error.message, { [field]: error.message });
      throw error;
    }
  }
}

/** The HTML part kept for a template: only on email, and never an empty one. */
function htmlPartOf(channel: Template['channel'], html: string | undefined): string | undefined {
  return channel === 'email' && html !== undefined && html.trim() !== '' ? html : undefined;
}

/** The lead a preview shows when none is chosen: 45 days since the last touch. */
function sampleLead(now: number): TemplateLead {
  const touched = now - 45 * 86_400_000;
  return { firstName: 'Alex', lastName: 'Sample', createdAt: touched, lastContactAt: touched };
}

export function templateHandlers(ctx: CoreContext) {
  const { db, clock } = ctx;

  async function sampleContent(
    channel: ValidArgs<'templates-preview'>['channel'],
    texts: (string | undefined)[],
  ): Promise<PropertyContent> {
    const wantsBlock = usesPropertyBlock(...texts);
    const wantsSummary = usesPropertySummary(...texts);
    if (!wantsBlock && !wantsSummary) return {};
    const homes = await sampleHomesFor(ctx);
    const summary = propertySummary(
      homes.map((home) => home.listing),
      criteriaOf({ areas: null, price: null, bedsMin: null, bathsMin: null, types: null }),
    );
    return {
      ...(wantsBlock ? { block: blockOf(homes, channel) } : {}),
      ...(wantsSummary ? { summary } : {}),
    };
  }

  async function preview(args: ValidArgs<'templates-preview'>): Promise<TemplatePreview> {
    const settings = await readEngineSettings(ctx);
    const lead =
      args.leadId === undefined
        ? null
        : ((await db.leads.findOne(args.leadId).exec())?.toMutableJSON() ?? null);
    const voice = await voiceFor(ctx, lead, settings);
    // Without a lead, a sample one; the agent's side is always the real profile, so the preview
    // refuses what a send would refuse.
    const plain = templateValuesFor(lead ?? sampleLead(clock.now()), voice, clock.now());
    try {
      // A property block shows the chosen lead's homes now (their news for {{property_summary}}),
      // or the newest homes for a sample.
      const texts = [args.body, args.html, args.subject];
      const property: PropertyContent =
        lead !== null
          ? await propertyContentFor(ctx, lead, args.channel, texts)
          : await sampleContent(args.channel, texts);
      const block = property.block;
      const values = {
        ...plain,
        ...(block === undefined ? {} : { property_matches: block.text }),
        ...(property.summary === undefined ? {} : { property_summary: property.summary }),
      };
      const marked = { ...plain, property_matches: PROPERTY_BLOCK_MARK };
      let text = renderTemplate(args.body, values);
      // An email without a subject is sent with the pipeline's default one; show that.
      const rawSubject = args.channel === 'email' ? (args.subject ?? DEFAULT_EMAIL_SUBJECT) : args.subject;
      const subject = rawSubject === undefined ? undefined : renderTemplate(rawSubject, values);
      const warnings: string[] = [];
      const result: TemplatePreview = { text, warnings };
      if (args.channel === 'sms' || args.channel === 'whatsapp') {
        result.segments = countSegments(text);
        const warning = segmentWarning(result.segments);
        if (warning !== null) warnings.push(warning);
      }
      if (args.channel === 'email') {
        const unsubscribeUrl =
          settings.sender.unsubscribeUrlBase === '' ? '' : `${settings.sender.unsubscribeUrlBase}preview`;
        const footer = footerOf(voice, unsubscribeUrl);
        text = withEmailFooter(text, footer);
        result.text = text;
        // The HTML part as the mailer sends it (without a tracking server's pixel and links).
        const cards = (html: string) => (block === undefined ? html : spliceCards(html, block.html));
        result.html =
          args.html === undefined || args.html.trim() === ''
            ? block === undefined
              ? htmlFromText(text)
              : withHtmlEmailFooter(cards(htmlFromText(renderTemplate(args.body, marked))), footer)
            : withHtmlEmailFooter(
                cards(renderHtmlTemplate(args.html, block === undefined ? plain : marked)),
                footer,
              );
      }
      if (subject !== undefined) result.subject = subject;
      return result;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return { text: '', warnings: [], error: { code: error.code, message: error.message } };
    }
  }

  async function usage(templateId: string): Promise<TemplateUse[]> {
    const sequences = await db.sequences.find({ sort: [{ updatedAt: 'desc' }] }).exec();
    const uses: TemplateUse[] = [];
    for (const doc of sequences) {
      const s = doc.toMutableJSON();
      const steps = s.steps.flatMap((step, i) => (step.templateId === templateId ? [i + 1] : []));
      const inPast = s.pastVersions.some((v) => v.steps.some((step) => step.templateId === templateId));
      if (steps.length === 0 && !inPast) continue;
      uses.push({
        sequenceId: s.id,
        name: s.name,
        status: s.status,
        steps,
        onlyPastVersions: steps.length === 0,
      });
    }
    return uses;
  }

  return {
    'templates-list': async (args: ValidArgs<'templates-list'>): Promise<Template[]> => {
      const docs = await db.templates.find({ sort: [{ updatedAt: 'desc' }] }).exec();
      return docs
        .map((d) => d.toMutableJSON())
        .filter((t) => args.channel === undefined || t.channel === args.channel);
    },
    'templates-get': async (args: ValidArgs<'templates-get'>) =>
      (await db.templates.findOne(args.id).exec())?.toMutableJSON() ?? null,
    'templates-create': async (args: ValidArgs<'templates-create'>): Promise<Template> => {
      checkPlaceholders(args.template);
      const template: Template = {
        id: randomUUID(),
        teamId: ctx.workspace.teamId,
        ownerId: ctx.workspace.agentId,
        updatedAt: clock.now(),
        name: args.template.name,
        channel: args.template.channel,
        body: args.template.body,
        builtIn: false,
        demo: false,
      };
      if (args.template.subject !== undefined) template.subject = args.template.subject;
      const html = htmlPartOf(args.template.channel, args.template.html);
      if (html !== undefined) template.html = html;
      await db.templates.insert(template);
      return template;
    },
    'templates-update': async (args: ValidArgs<'templates-update'>): Promise<Template> => {
      checkPlaceholders(args.patch);
      const doc = await db.templates.findOne(args.id).exec();
      if (doc === null) throw new PorchlightError('not_found', `Template ${args.id} was not found.`);
      const given = Object.fromEntries(
        Object.entries(args.patch).filter(([, v]) => v !== undefined),
      ) as Partial<Template>;
      const next = await doc.incrementalModify((t) => {
        const { html: _previous, ...rest } = { ...t, ...given, updatedAt: clock.now() };
        // An empty HTML part, or a template that is no longer email, sends the text made HTML.
        const html = htmlPartOf(rest.channel, args.patch.html ?? t.html);
        return html === undefined ? rest : { ...rest, html };
      });
      return next.toMutableJSON();
    },
    'templates-delete': async (args: ValidArgs<'templates-delete'>) => {
      const users = (await usage(args.id)).filter((u) => u.status !== 'archived');
      if (users.length > 0) {
        throw new PorchlightError(
          'conflict',
          `The template is used by ${users.map((s) => `"${s.name}"`).join(', ')}; change those steps or archive the sequences first.`,
        );
      }
      const doc = await db.templates.findOne(args.id).exec();
      if (doc === null) return { deleted: false };
      await doc.remove();
      return { deleted: true };
    },
    'templates-preview': preview,
    'templates-usage': (args: ValidArgs<'templates-usage'>) => usage(args.id),
  };
}

export type TemplateHandlers = ReturnType<typeof templateHandlers>;
