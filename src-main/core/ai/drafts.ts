// Drafts for the agent: a personalised follow-up, and a suggested answer to a reply. The AI
// writes from the lead's history and insights (as data); the rules fill a template. An SMS
// draft always fits one GSM-7 segment (160): an AI draft that does not is asked for once more
// with its measured length, then cut at a word boundary, else the template answers. Nothing
// here sends anything: sending is the agent's choice, or aiAutoReply (reply-job.ts).
import type { Lead, Message } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { DraftChannel, DraftContext } from '../../../src-shared/ai';
import {
  fitsOneSms,
  followUpTemplate,
  readReplyByRules,
  replyTemplate,
  SMS_LIMIT,
  templateText,
  toGsm7,
  trimToSms,
} from '../../../src-shared/ai';
import type { AiDraft } from '../../../src-shared/ipc/ai';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { leadInsights } from '../../../src-shared/scoring';
import { countSegments } from '../../../src-shared/sms/segments';
import type { TemplateValues } from '../../../src-shared/templates';
import { renderTemplate, TemplateError } from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { templateValuesFor } from '../engine/template-values';
import { voiceFor } from '../profile/voice';
import type { AiAnswer, AiPort } from '../ports/ai';
import { AiError } from '../ports/ai';
import { messagesByLead } from '../scoring/rescore';
import { loadScoringModel, loadScoringSettings } from '../scoring/settings';
import { withAi } from './service';

const DAY_MS = 86_400_000;
const HISTORY_LINES = 8;
/** WhatsApp has no segment rule; a chat message still stays short. */
const WHATSAPP_LIMIT = 700;

async function requireLead(ctx: CoreContext, id: string): Promise<Lead> {
  const doc = await ctx.db.leads.findOne(id).exec();
  if (doc === null || doc.deletedAt > 0)
    throw new PorchlightError('not_found', `Lead ${id} was not found; it may have been deleted.`);
  return doc.toMutableJSON();
}

async function contextFor(
  ctx: CoreContext,
  lead: Lead,
  channel: DraftChannel,
  kind: DraftContext['kind'],
  replyTo?: string,
): Promise<{
  context: DraftContext;
  templateValues: ReturnType<typeof templateValuesFor>;
  quietDays: number;
}> {
  const now = ctx.clock.now();
  const messages: Message[] = (await messagesByLead(ctx, [lead.id])).get(lead.id) ?? [];
  const settings = await loadScoringSettings(ctx);
  const { model } = await loadScoringModel(ctx, settings);
  const insights = leadInsights(lead, messages, now, settings, model, null);
  const templateValues = templateValuesFor(lead, await voiceFor(ctx, lead), now);
  const facts: string[] = [];
  if (insights.budget !== null) {
    const { min, max } = insights.budget.value;
    facts.push(`budget: ${min ?? '?'} to ${max ?? '?'} dollars`);
  }
  if (insights.timeline !== null) facts.push(`timeline: ${insights.timeline.value}`);
  if (insights.areas !== null) facts.push(`areas: ${insights.areas.value.join(', ')}`);
  if (insights.propertyType !== null) facts.push(`property type: ${insights.propertyType.value}`);
  if (insights.preApproval !== null) facts.push(`financing: ${insights.preApproval.value}`);
  facts.push(`next action: ${insights.nextAction.reason}`);
  const context: DraftContext = {
    kind,
    channel,
    leadFirstName: lead.firstName || leadDisplayName(lead),
    agentName: templateValues.agent_name ?? '',
    intent: insights.intent.value,
    insights: facts,
    history: insights.touches.slice(-HISTORY_LINES).map((t) => t.summary),
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(channel === 'sms'
      ? { maxChars: SMS_LIMIT }
      : channel === 'whatsapp'
        ? { maxChars: WHATSAPP_LIMIT }
        : {}),
  };
  const quietDays = Math.floor(
    (now - Math.max(lead.lastContactAt, lead.lastInboundAt ?? 0, lead.createdAt)) / DAY_MS,
  );
  return { context, templateValues, quietDays };
}

/** Asks for a draft; for SMS re-asks once with the measured length, then trims at a word. */
async function aiDraft(ai: AiPort, context: DraftContext): Promise<AiAnswer<{ text: string }>> {
  const first = await ai.draft({ context });
  if (context.channel !== 'sms') return { ...first, value: { text: first.value.text.trim() } };
  const clean = toGsm7(first.value.text);
  if (fitsOneSms(clean)) return { ...first, value: { text: clean } };
  const second = await ai.draft({
    context,
    retryNote: `Your draft was ${countSegments(clean).units} characters; the limit is ${SMS_LIMIT}. Write it again, shorter.`,
  });
  const usage = {
    promptTokens: first.usage.promptTokens + second.usage.promptTokens,
    completionTokens: first.usage.completionTokens + second.usage.completionTokens,
  };
  const trimmed = trimToSms(second.value.text);
  if (trimmed === '')
    throw new AiError(
      'bad_answer',
      'The AI draft did not fit one SMS even when asked again; the template answers.',
    );
  return { value: { text: trimmed }, model: second.model, usage };
}

function finish(text: string, channel: DraftChannel): string {
  return channel === 'sms' ? trimToSms(text) : text.trim();
}

function toDraft(answer: {
  value: { text: string };
  source: AiDraft['source'];
  model?: string;
  fallbackReason?: string;
}): AiDraft {
  return {
    text: answer.value.text,
    source: answer.source,
    segments: countSegments(answer.value.text),
    ...(answer.model === undefined ? {} : { model: answer.model }),
    ...(answer.fallbackReason === undefined ? {} : { fallbackReason: answer.fallbackReason }),
  };
}

/** A rules draft in the agent's voice; an empty profile field is named, never papered over. */
function renderRuleDraft(text: string, values: TemplateValues): string {
  try {
    return renderTemplate(text, values);
  } catch (error) {
    if (error instanceof TemplateError && error.code === 'missing_profile')
      throw new PorchlightError('validation', error.message);
    throw error;
  }
}

export async function draftFollowUp(
  ctx: CoreContext,
  leadId: string,
  channel: DraftChannel,
): Promise<AiDraft> {
  const lead = await requireLead(ctx, leadId);
  const { context, templateValues, quietDays } = await contextFor(ctx, lead, channel, 'followup');
  const answer = await withAi(
    ctx,
    (ai) => aiDraft(ai, context),
    () => ({
      text: finish(
        renderRuleDraft(templateText(followUpTemplate(context.intent, quietDays), channel), templateValues),
        channel,
      ),
    }),
  );
  return toDraft(answer);
}

export async function suggestReply(
  ctx: CoreContext,
  messageId: string,
): Promise<AiDraft & { channel: DraftChannel }> {
  const doc = await ctx.db.messages.findOne(messageId).exec();
  if (doc === null || doc.direction !== 'inbound')
    throw new PorchlightError('not_found', `Reply ${messageId} was not found.`);
  const message = doc.toMutableJSON();
  const channel: DraftChannel =
    message.channel === 'whatsapp' || message.channel === 'email' ? message.channel : 'sms';
  const lead = await requireLead(ctx, message.leadId);
  const { context, templateValues } = await contextFor(ctx, lead, channel, 'reply', message.body);
  const answer = await withAi(
    ctx,
    (ai) => aiDraft(ai, context),
    () => ({
      text: finish(
        renderRuleDraft(templateText(replyTemplate(readReplyByRules(message.body)), channel), templateValues),
        channel,
      ),
    }),
  );
  return { ...toDraft(answer), channel };
}
