// The built-in templates read as an agent writes them: the agent's name and number from the
// profile, never "your agent"; every text fits one GSM-7 segment with a typical lead and agent
// (the seller's welcome too, with a typical street address); every email ends with the signature.
import { describe, expect, it } from 'vitest';
import { countSegments } from '../sms/segments';
import type { TemplateValues } from '../templates';
import { renderTemplate } from '../templates';
import { BUILTIN_TEMPLATES } from './builtin-templates';

const typical: TemplateValues = {
  first_name: 'Alexandra',
  full_name: 'Alexandra Whitfield',
  'agent.first_name': 'Dana',
  'agent.name': 'Dana Reyes',
  'agent.phone': '(512) 555-0100',
  'agent.email': 'dana@example.com',
  'agent.signature': 'Dana Reyes\nPorchlight Realty\n(512) 555-0100',
  brokerage: 'Porchlight Realty',
  property_address: '1423 Maple Ridge Dr',
  city: 'Austin',
  // What the block renders for a lead with homes that fit (listings/matches); none skips the message.
  property_matches: '12 Oak St, Austin: $450,000, 3 bd / 2 ba https://homes.example.com/12-oak',
  // What a property alert announces (listings/alerts.ts).
  property_summary: '3 new homes in Austin under $450k',
};

describe('built-in templates', () => {
  it('BT1: there are 20, each renders with a typical profile and never says "your agent"', () => {
    expect(BUILTIN_TEMPLATES).toHaveLength(20);
    for (const template of BUILTIN_TEMPLATES) {
      const text = renderTemplate(template.body, typical);
      expect(text, template.id).not.toMatch(/your agent|this address|\{\{/i);
    }
  });

  it('BT2: every text fits one GSM-7 segment, and the first ones say how to opt out', () => {
    for (const template of BUILTIN_TEMPLATES.filter((t) => t.channel === 'sms')) {
      const count = countSegments(renderTemplate(template.body, typical));
      expect({ id: template.id, encoding: count.encoding, segments: count.segments }).toEqual({
        id: template.id,
        encoding: 'GSM-7',
        segments: 1,
      });
      if (template.id.endsWith('welcome-sms')) expect(template.body).toMatch(/Reply STOP to opt out/);
    }
  });

  it('BT3: every email is signed and names the agent, and texts carry the name or number', () => {
    for (const template of BUILTIN_TEMPLATES) {
      if (template.channel === 'email')
        expect(template.body.trimEnd(), template.id).toMatch(/\{\{agent\.signature\}\}$/);
      if (template.channel === 'sms')
        expect(template.body, template.id).toMatch(/\{\{agent\.(first_name|phone)\}\}/);
    }
  });

  it('BT4: a text that needs the profile refuses an empty one, naming the field and Settings → Profile', () => {
    const welcome = BUILTIN_TEMPLATES.find((t) => t.id === 'tpl-buyer-welcome-sms');
    expect(() => renderTemplate(welcome?.body ?? '', { first_name: 'Ana' })).toThrow(
      /your first name and your brokerage \(\{\{agent\.first_name\}\}, \{\{brokerage\}\}\).*fill them in Settings → Profile/,
    );
  });
});
