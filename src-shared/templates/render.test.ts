import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TemplateError, parseTemplate, renderTemplate, withEmailFooter } from './render';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof TemplateError ? error.code : 'other';
  }
}

describe('templates', () => {
  it('TPL1: fills placeholders and uses fallbacks for missing values', () => {
    expect(renderTemplate('Hi {{first_name|there}}, {{ agent_name }} here.', { agent_name: 'Ana' })).toBe(
      'Hi there, Ana here.',
    );
    expect(renderTemplate('Hi {{first_name|there}}', { first_name: 'Sam' })).toBe('Hi Sam');
  });

  it('TPL2: refuses a missing value without fallback, naming it', () => {
    expect(() => renderTemplate('Re {{property_address}}', {})).toThrow(/property_address/);
    expect(codeOf(() => renderTemplate('Re {{property_address}}', { property_address: '  ' }))).toBe(
      'missing_value',
    );
  });

  it('TPL3: refuses broken values and broken syntax', () => {
    expect(codeOf(() => renderTemplate('Hi {{first_name}}', { first_name: 'undefined' }))).toBe(
      'missing_value',
    );
    expect(codeOf(() => renderTemplate('Hi {{first_name}', { first_name: 'A' }))).toBe('broken_syntax');
    expect(codeOf(() => renderTemplate('Hi {{firstname}}', {}))).toBe('unknown_placeholder');
    expect(codeOf(() => renderTemplate('Price NaN', {}))).toBe('broken_value');
    expect(codeOf(() => renderTemplate('{{first_name|}}', {}))).toBe('missing_value');
    expect(codeOf(() => renderTemplate('   ', {}))).toBe('empty_message');
  });

  it('TPL4: a rendered text never holds placeholder braces or broken words', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('undefined', 'null', 'NaN', '', ' '),
    );
    fc.assert(
      fc.property(value, value, (first, agent) => {
        try {
          const text = renderTemplate('Hi {{first_name}}, this is {{agent_name|your agent}}.', {
            first_name: first,
            agent_name: agent,
          });
          expect(text).not.toMatch(/\{\{|\}\}|\bundefined\b|\bNaN\b/);
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
        }
      }),
    );
  });

  it('lists placeholders', () => {
    expect(parseTemplate('{{first_name}} {{days_inactive|a few}}')).toEqual([
      { name: 'first_name', fallback: undefined },
      { name: 'days_inactive', fallback: 'a few' },
    ]);
  });

  it('TPL5: email gets the CAN-SPAM footer or is refused', () => {
    const footer = {
      senderName: 'Ana',
      physicalAddress: '1 Main St, Austin TX',
      unsubscribeUrl: 'https://x.test/u/1',
    };
    expect(withEmailFooter('Hello', footer)).toMatch(/1 Main St[\s\S]*Unsubscribe: https:\/\/x\.test\/u\/1$/);
    expect(codeOf(() => withEmailFooter('Hello', { ...footer, physicalAddress: '' }))).toBe(
      'missing_footer_info',
    );
  });

  it('TPL6: without an unsubscribe link (no sync server), the footer asks for a reply instead', () => {
    const footer = { senderName: 'Ana', physicalAddress: '1 Main St, Austin TX', unsubscribeUrl: '' };
    expect(withEmailFooter('Hello', footer)).toMatch(
      /1 Main St, Austin TX\nTo stop these emails, reply with the word "unsubscribe"\.$/,
    );
  });
});
