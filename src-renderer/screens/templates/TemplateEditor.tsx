// One template: name, channel, subject, HTML and plain text (email) or body, a placeholder menu, the live preview on
// a chosen lead exactly as core would send it (email with its footer and opt-out), the SMS
// segment counter with the characters that force UCS-2 marked, and the sequences that use it.
// A broken placeholder is refused on save beside its field; nothing typed is lost.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Channel, Lead, Template } from '../../../src-shared/domain';
import type { TemplatePreview } from '../../../src-shared/ipc/templates';
import { useBridge } from '../../bridge/context';
import { outcomeOf, type Outcome } from '../../settings/fields';
import { PreviewPane } from './PreviewPane';
import { insertAt, placeholderGroups } from './placeholders';
import { useContractQuery } from '../../bridge/query';

export const channelLabels: Record<Channel, string> = {
  sms: 'Text message',
  whatsapp: 'WhatsApp',
  email: 'Email',
  call: 'Call task',
  notification: 'Note to me',
};

interface Draft {
  name: string;
  channel: Channel;
  subject: string;
  body: string;
  html: string;
}

const draftOf = (t: Template | null): Draft => ({
  name: t?.name ?? '',
  channel: t?.channel ?? 'sms',
  subject: t?.subject ?? '',
  body: t?.body ?? '',
  html: t?.html ?? '',
});

export function TemplateEditor({
  template,
  onSaved,
}: {
  template: Template | null;
  onSaved: (t: Template) => void;
}) {
  const bridge = useBridge();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template));
  const [lead, setLead] = useState<Lead | undefined>(undefined);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const usage = useContractQuery(
    'templates-usage',
    { id: template?.id ?? '' },
    { enabled: template !== null },
  );
  const isText = draft.channel === 'sms' || draft.channel === 'whatsapp';

  useEffect(() => {
    const timer = setTimeout(() => {
      void bridge
        .invoke('templates-preview', {
          channel: draft.channel,
          body: draft.body,
          ...(draft.channel === 'email' && draft.subject !== '' ? { subject: draft.subject } : {}),
          ...(draft.channel === 'email' && draft.html !== '' ? { html: draft.html } : {}),
          ...(lead === undefined ? {} : { leadId: lead.id }),
        })
        .then(setPreview, (e: unknown) => setOutcome(outcomeOf(e)));
    }, 150);
    return () => clearTimeout(timer);
  }, [bridge, draft.channel, draft.body, draft.subject, draft.html, lead]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  function insert(name: string) {
    const el = body.current;
    const start = el?.selectionStart ?? draft.body.length;
    const end = el?.selectionEnd ?? start;
    const next = insertAt(draft.body, start, end, name);
    set({ body: next.text });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = {
      name: draft.name,
      channel: draft.channel,
      body: draft.body,
      ...(draft.channel === 'email' && draft.subject !== '' ? { subject: draft.subject } : {}),
      // An emptied HTML part is sent as '' so the saved one is removed.
      ...(draft.channel === 'email' ? { html: draft.html } : {}),
    };
    try {
      const saved =
        template === null
          ? await bridge.invoke('templates-create', { template: input })
          : await bridge.invoke('templates-update', { id: template.id, patch: input });
      setOutcome({ ok: true, text: `Saved “${saved.name}”.` });
      onSaved(saved);
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  }

  const fieldError = (name: string) => (outcome?.ok === false ? outcome.fieldErrors?.[name] : undefined);
  const segments = preview?.segments;

  return (
    <form className="editor" onSubmit={(e) => void save(e)} aria-label="Template editor">
      <div className="editor-fields">
        <label className="field">
          <span>Name</span>
          <input value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
          <FieldError text={fieldError('name') ?? fieldError('template.name')} />
        </label>
        <label className="field">
          <span>Channel</span>
          <select value={draft.channel} onChange={(e) => set({ channel: e.target.value as Channel })}>
            {Object.entries(channelLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {draft.channel === 'email' ? (
          <label className="field">
            <span>Subject</span>
            <input value={draft.subject} onChange={(e) => set({ subject: e.target.value })} />
            <FieldError text={fieldError('subject')} />
          </label>
        ) : null}
        <div className="field">
          <div className="field-head">
            <label htmlFor="template-body">{draft.channel === 'email' ? 'Plain text' : 'Message'}</label>
            <select
              aria-label="Insert a placeholder"
              value=""
              onChange={(e) => e.target.value !== '' && insert(e.target.value)}
            >
              <option value="">Insert a placeholder…</option>
              {placeholderGroups().map((g) => (
                <optgroup key={g.group} label={g.group}>
                  {g.names.map((n) => (
                    <option key={n} value={n}>
                      {`{{${n}}}`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <textarea
            id="template-body"
            ref={body}
            rows={9}
            value={draft.body}
            aria-invalid={fieldError('body') !== undefined}
            aria-describedby="template-body-error"
            onChange={(e) => set({ body: e.target.value })}
          />
          <FieldError id="template-body-error" text={fieldError('body') ?? fieldError('template.body')} />
          {draft.channel === 'email' ? (
            <label className="field">
              <span>HTML (optional: without it the plain text is sent as HTML)</span>
              <textarea
                name="html"
                rows={7}
                value={draft.html}
                spellCheck={false}
                aria-invalid={fieldError('html') !== undefined}
                placeholder="<p>Hi {{first_name|there}},</p>"
                onChange={(e) => set({ html: e.target.value })}
              />
              <FieldError text={fieldError('html') ?? fieldError('template.html')} />
            </label>
          ) : null}
          {isText && segments !== undefined ? (
            <p className="segment-counter" aria-live="polite" data-testid="segment-counter">
              <strong>
                {segments.segments} segment{segments.segments === 1 ? '' : 's'}
              </strong>{' '}
              · {segments.encoding} · {segments.units} characters, {segments.remaining} left in this segment
              {segments.nonGsmCharacters.length > 0 ? (
                <span className="ucs2-note">
                  {' '}
                  · UCS-2 because of {segments.nonGsmCharacters.map((c) => `“${c}”`).join(' ')}
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
        <div className="editor-actions">
          <button type="submit" className="primary">
            Save template
          </button>
          <OutcomeText outcome={outcome} />
        </div>
        {template !== null ? (
          <section aria-label="Used by">
            <h3>Used by</h3>
            {usage.data === undefined || usage.data.length === 0 ? (
              <p className="muted">No sequence uses this template.</p>
            ) : (
              <ul className="usage">
                {usage.data.map((u) => (
                  <li key={u.sequenceId}>
                    <a href={`#/sequences/${u.sequenceId}`}>{u.name}</a> ({u.status}
                    {u.onlyPastVersions ? ', earlier version only' : `, step ${u.steps.join(', ')}`})
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </div>
      <PreviewPane
        preview={preview}
        leadId={lead?.id}
        onLead={setLead}
        nonGsm={segments?.nonGsmCharacters ?? []}
      />
    </form>
  );
}

function FieldError({ text, id }: { text: string | undefined; id?: string }) {
  return text === undefined ? (
    <span id={id} />
  ) : (
    <span id={id} className="field-error" role="alert">
      {text}
    </span>
  );
}

function OutcomeText({ outcome }: { outcome: Outcome | null }) {
  if (outcome === null) return null;
  return (
    <span className={outcome.ok ? 'outcome ok' : 'outcome error'} role="status">
      {outcome.ok
        ? outcome.text
        : outcome.fieldErrors === undefined
          ? outcome.text
          : 'Not saved: see the field marked.'}
    </span>
  );
}
