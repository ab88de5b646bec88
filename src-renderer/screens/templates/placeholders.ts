// The template editor's placeholder menu: every placeholder the renderer knows, grouped the way
// an agent thinks of them (the lead, the agent, the brokerage, the property).
import { PLACEHOLDERS } from '../../../src-shared/templates';

export type PlaceholderGroup = 'Lead' | 'Agent' | 'Brokerage' | 'Property';

const PROPERTY = new Set(['property_address', 'city', 'price_range']);
const BROKERAGE = new Set(['team_name']);

export function groupOf(name: string): PlaceholderGroup {
  if (name.startsWith('agent_')) return 'Agent';
  if (name.startsWith('brokerage_') || BROKERAGE.has(name)) return 'Brokerage';
  if (name.startsWith('property_') || PROPERTY.has(name)) return 'Property';
  return 'Lead';
}

export function placeholderGroups(
  names: readonly string[] = PLACEHOLDERS,
): { group: PlaceholderGroup; names: string[] }[] {
  const order: PlaceholderGroup[] = ['Lead', 'Agent', 'Brokerage', 'Property'];
  return order
    .map((group) => ({ group, names: names.filter((n) => groupOf(n) === group) }))
    .filter((g) => g.names.length > 0);
}

/** Puts `{{name}}` at the caret (replacing a selection); returns the text and the caret after it. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  name: string,
): { text: string; caret: number } {
  const token = `{{${name}}}`;
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}
