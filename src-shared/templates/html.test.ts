// The HTML part of an email template: values are escaped, the footer goes before </body> with
// the same three lines as the text footer, and the same refusals hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlFromText, renderHtmlTemplate, withHtmlEmailFooter } from './html';
import { REPLY_TO_UNSUBSCRIBE, TemplateError } from './render';

const footer = {
  senderName: 'Dana <Reyes>',
  physicalAddress: '100 Congress Ave, Austin, TX 78701',
  unsubscribeUrl: 'https://sync.example.com/u/m1?a=1&b=2',
};

describe('email HTML part', () => {
  it('HTML1: a value never adds markup, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1 })
          .filter((s) => s.trim() !== '' && !/[{}]|undefined|NaN|null|\[object/i.test(s)),
        (name) => {
          const html = renderHtmlTemplate('<p>Hi {{first_name}}</p>', { first_name: name });
          expect(html).toBe(`<p>Hi ${escapeHtml(name.trim())}</p>`);
          expect(html.slice(3, -4)).not.toMatch(/[<>"']/);
        },
      ),
    );
  });

  it('HTML2: the same refusals as the text: unknown placeholder, no value and no fallback', () => {
    expect(() => renderHtmlTemplate('<p>{{firstname}}</p>', {})).toThrow(TemplateError);
    expect(() => renderHtmlTemplate('<p>{{city}}</p>', {})).toThrow(/No value for \{\{city\}\}/);
    expect(renderHtmlTemplate('<p>{{city|your area}}</p>', {})).toBe('<p>your area</p>');
  });

  it('HTML3: the footer goes before the last </body>, escaped, with the unsubscribe link', () => {
    const html = withHtmlEmailFooter('<html><body><p>Hi</p></body></html>', footer);
    expect(html).toBe(
      '<html><body><p>Hi</p><hr style="border:0;border-top:1px solid #ddd">\n' +
        '<p style="font-size:12px;color:#555">Dana &lt;Reyes&gt;<br>\n' +
        '100 Congress Ave, Austin, TX 78701<br>\n' +
        'Unsubscribe: <a href="https://sync.example.com/u/m1?a=1&amp;b=2">https://sync.example.com/u/m1?a=1&amp;b=2</a></p>\n' +
        '</body></html>',
    );
  });

  it('HTML4: without a body tag the footer is appended; without a link it says to reply', () => {
    const html = withHtmlEmailFooter('<p>Hi</p>', { ...footer, unsubscribeUrl: '' });
    expect(html.startsWith('<p>Hi</p>\n<hr')).toBe(true);
    expect(html).toContain(escapeHtml(REPLY_TO_UNSUBSCRIBE));
  });

  it('HTML5: no postal address, no email (CAN-SPAM), with where to add it', () => {
    expect(() => withHtmlEmailFooter('<p>Hi</p>', { ...footer, physicalAddress: ' ' })).toThrow(
      /postal address.*Settings → Profile/,
    );
  });

  it('HTML6: a text made HTML keeps paragraphs and makes links clickable through hrefFor', () => {
    const html = htmlFromText('Hi <you>\n\nSee https://example.com/a.', (url) => `${url}?t=1`);
    expect(html).toContain('<p>Hi &lt;you&gt;</p>');
    expect(html).toContain('<a href="https://example.com/a?t=1">https://example.com/a</a>.');
  });
});
