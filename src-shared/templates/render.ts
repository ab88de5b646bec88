// Template rendering. Placeholders are `{{name}}` or `{{name|fallback}}`. Guarantees: a
// rendered text never contains an empty or broken value ("undefined", "null", "NaN",
// "[object Object]", "Invalid Date", leftover braces) and never comes out empty: such a template
// is refused with a TemplateError naming the placeholder and what to do, and is never sent.
import { settingsPlace } from '../settings-sections';
// A placeholder that reads the agent's profile (profile-placeholders.ts) is refused with
// `missing_profile`, naming the field and Settings → Profile.
import type { ProfilePlaceholder } from './profile-placeholders';
import { PROFILE_PLACEHOLDERS, isProfilePlaceholder, missingProfileMessage } from './profile-placeholders';

export const PLACEHOLDERS = [
  'first_name',
  'last_name',
  'full_name',
  'agent_name',
  'agent_phone',
  'agent_email',
  'team_name',
  'property_address',
  'city',
  'price_range',
  'days_inactive',
  'promised_date',
  'meeting_date',
  /** The lead's best-matching homes: email cards, or one line and a link in a text (docs/listings.md). */
  'property_matches',
  /** What a property alert announces: "3 new homes in Maple Grove under $450k" (docs/listings.md). */
  'property_summary',
  ...PROFILE_PLACEHOLDERS,
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string | undefined>>;

export type TemplateErrorCode =
  | 'broken_syntax'
  | 'unknown_placeholder'
  | 'missing_value'
  | 'broken_value'
  | 'empty_message'
  | 'missing_footer_info'
  | 'missing_profile'
  | 'no_property_matches';

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly placeholders: string[] = [],
  ) {
    super(message);
  }
}

const TOKEN = /\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*(?:\|([^{}]*))?\}\}/g;
const BROKEN_VALUE = /^(undefined|null|nan|\[object \w+\]|invalid date)$/i;
const BROKEN_INSIDE = /\b(undefined|NaN)\b|\[object \w+\]|\{\{|\}\}/;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

export interface ParsedToken {
  name: string;
  fallback: string | undefined;
}

/** Every placeholder in the text; refuses unknown names and stray braces. */
export function parseTemplate(text: string): ParsedToken[] {
  const tokens: ParsedToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ name: match[1] ?? '', fallback: match[2]?.trim() });
  }
  const stray = text.replace(TOKEN, '');
  if (stray.includes('{{') || stray.includes('}}')) {
    const at = stray.indexOf(stray.includes('{{') ? '{{' : '}}');
    throw new TemplateError(
      'broken_syntax',
      `The template has an unclosed or malformed placeholder near "${stray.slice(Math.max(0, at - 10), at + 20)}"; write it as {{first_name}} or {{first_name|there}}.`,
    );
  }
  const unknown = tokens.map((t) => t.name).filter((name) => !isPlaceholder(name));
  if (unknown.length > 0) {
    throw new TemplateError(
      'unknown_placeholder',
      `Unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')}; use one of ${PLACEHOLDERS.join(', ')}.`,
      unknown,
    );
  }
  return tokens;
}

function usable(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || BROKEN_VALUE.test(trimmed) ? undefined : trimmed;
}

export function renderTemplate(text: string, values: TemplateValues): string {
  parseTemplate(text);
  const missing: string[] = [];
  const rendered = text.replace(TOKEN, (_whole, name: string, fallback: string | undefined) => {
    const value = usable(values[name as Placeholder]) ?? usable(fallback);
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return value;
  });
  const fromProfile = [...new Set(missing.filter(isProfilePlaceholder))] as ProfilePlaceholder[];
  if (fromProfile.length > 0)
    throw new TemplateError('missing_profile', missingProfileMessage(fromProfile), fromProfile);
  if (missing.length > 0) {
    const names = [...new Set(missing)];
    throw new TemplateError(
      'missing_value',
      `No value for ${names.map((n) => `{{${n}}}`).join(', ')} and no fallback; fill it in on the lead or add one like {{${names[0] ?? ''}|there}}.`,
      names,
    );
  }
  if (BROKEN_INSIDE.test(rendered)) {
    throw new TemplateError(
      'broken_value',
      'The message would contain a broken value ("undefined", "NaN" or "[object …]"); it was not sent.',
    );
  }
  if (rendered.trim() === '') {
    throw new TemplateError('empty_message', 'The message would be empty; write some text in the template.');
  }
  return rendered;
}

export interface EmailFooter {
  senderName: string;
  /** CAN-SPAM (15 U.S.C. 7704(a)(5)): a valid physical postal address of the sender. */
  physicalAddress: string;
  /**
   * CAN-SPAM opt-out mechanism; also sent as List-Unsubscribe (RFC 8058) by the mailer. Empty
   * when no sync server serves one (solo mode): the opt-out is then a reply, which the reply
   * reader takes as an opt-out on every channel.
   */
  unsubscribeUrl: string;
}

/** The subject of an email whose template has none. */
export const DEFAULT_EMAIL_SUBJECT = 'A note from {{agent.name}}';

export const REPLY_TO_UNSUBSCRIBE = 'To stop these emails, reply with the word "unsubscribe".';

/** The footer's three lines (sender, postal address, opt-out); refuses a missing address. */
export function emailFooterLines(footer: EmailFooter): {
  senderName: string;
  physicalAddress: string;
  /** Empty when there is no link: the opt-out is then REPLY_TO_UNSUBSCRIBE. */
  unsubscribeUrl: string;
} {
  if (footer.physicalAddress.trim() === '') {
    throw new TemplateError(
      'missing_footer_info',
      `Email needs your office postal address in its footer (CAN-SPAM); add it in ${settingsPlace('profile')}.`,
    );
  }
  return {
    senderName: footer.senderName,
    physicalAddress: footer.physicalAddress.trim(),
    unsubscribeUrl: footer.unsubscribeUrl.trim(),
  };
}

export function withEmailFooter(body: string, footer: EmailFooter): string {
  const lines = emailFooterLines(footer);
  const optOut = lines.unsubscribeUrl === '' ? REPLY_TO_UNSUBSCRIBE : `Unsubscribe: ${lines.unsubscribeUrl}`;
  return `${body.trimEnd()}\n\n--\n${lines.senderName}\n${lines.physicalAddress}\n${optOut}`;
}
