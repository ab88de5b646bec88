// The composer for a text, WhatsApp or email to one lead: start from a template or an AI draft
// (saying whether the AI or the rules wrote it), see exactly what will be sent with the
// placeholders filled for this lead, the SMS segment count and encoding as you type, and the
// quiet-hours verdict on the lead's own clock. Sending puts it in the outbox (compose-send), so
// the dispatcher's claim, stop rules and exactly-once apply as to every message.
import { useEffect, useState } from 'react';
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { ComposeChannel } from '../../../src-shared/ipc/compose';
import { countSegments, segmentWarning } from '../../../src-shared/sms/segments';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { Dialog } from '../../shell/Dialog';
import { channelWord } from './words';

const BODY_MAX = 20_000;
const SUBJECT_MAX = 200;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function Composer({
  lead,
  channel,
  onClose,
}: {
  lead: Lead;
  channel: ComposeChannel;
  onClose: () => void;
}) {
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [author, setAuthor] = useState<{ by: 'human' | 'ai' | 'template'; note?: string }>({ by: 'human' });
  const first = leadDisplayName({ firstName: lead.firstName, lastName: '' }) || 'the lead';
  const templates = useContractQuery('templates-list', { channel });
  const check = useContractQuery('compose-check', { leadId: lead.id, channel });
  const settledBody = useDebounced(body, 150);
  const settledSubject = useDebounced(subject, 150);
  const preview = useContractQuery(
    'templates-preview',
    {
      channel,
      body: settledBody,
      leadId: lead.id,
      ...(channel === 'email' && settledSubject !== '' ? { subject: settledSubject } : {}),
    },
    { enabled: settledBody.trim() !== '' },
  );
  const draft = useContractMutation('ai-draft-followup');
  const send = useContractMutation('compose-send');

  const pickTemplate = (id: string): void => {
    setTemplateId(id);
    const template = templates.data?.find((t) => t.id === id);
    if (template === undefined) return;
    setBody(template.body);
    setSubject(template.subject ?? '');
    setAuthor({ by: 'template', note: `From the template “${template.name}”` });
  };
  const askAi = (): void =>
    draft.mutate(
      { leadId: lead.id, channel },
      {
        onSuccess: (d) => {
          setBody(d.text);
          setTemplateId('');
          setAuthor(
            d.source === 'ai'
              ? { by: 'ai', note: `Written by the AI${d.model !== undefined ? ` (${d.model})` : ''}` }
              : {
                  by: 'template',
                  note: `Written by the rules: ${d.fallbackReason ?? 'no AI is configured'}`,
                },
          );
        },
      },
    );
  const submit = (when: 'now' | 'next_allowed'): void =>
    send.mutate(
      {
        leadId: lead.id,
        channel,
        body,
        authoredBy: author.by,
        when,
        ...(templateId !== '' ? { templateId } : {}),
        ...(channel === 'email' && subject.trim() !== '' ? { subject } : {}),
      },
      { onSuccess: onClose },
    );

  const exact = preview.data?.text ?? '';
  const segments = channel === 'email' ? null : countSegments(exact !== '' ? exact : body);
  const verdict = check.data;
  const quiet = verdict !== undefined && !verdict.allowedNow;
  const unreachable = verdict?.unreachable;
  const blocked = body.trim() === '' || verdict?.to === undefined || preview.data?.error !== undefined;

  return (
    <Dialog
      label={`${channelWord(channel)} to ${leadDisplayName(lead) || 'the lead'}`}
      onClose={onClose}
      className="composer"
    >
      <h2>
        {channelWord(channel)} to {leadDisplayName(lead) || 'the lead'}{' '}
        <span className="muted">{verdict?.to ?? ''}</span>
      </h2>
      <div className="composer-start">
        <label className="field">
          <span>Start from a template</span>
          <select value={templateId} onChange={(e) => pickTemplate(e.target.value)}>
            <option value="">— none —</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={askAi} disabled={draft.isPending}>
          {draft.isPending ? 'Drafting…' : 'Draft it for me'}
        </button>
      </div>
      {draft.isError ? <p className="field-error">{messageOf(draft.error)}</p> : null}
      {author.note !== undefined ? <p className="muted author-note">{author.note}</p> : null}
      {channel === 'email' ? (
        <label className="field">
          <span>Subject</span>
          <input value={subject} maxLength={SUBJECT_MAX} onChange={(e) => setSubject(e.target.value)} />
        </label>
      ) : null}
      <label className="field">
        <span>
          Message (placeholders such as {'{{first_name}}'} are filled for {first})
        </span>
        <textarea
          data-autofocus
          rows={6}
          value={body}
          maxLength={BODY_MAX}
          aria-describedby="composer-count"
          onChange={(e) => {
            setBody(e.target.value);
            if (author.by === 'ai') setAuthor({ by: 'human', note: 'AI draft, edited by you' });
          }}
        />
      </label>
      <p id="composer-count" className="muted" aria-live="polite">
        {segments !== null
          ? `${segments.segments} ${segments.segments === 1 ? 'segment' : 'segments'} · ${
              segments.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode (UCS-2)'
            } · ${segments.remaining} left in this segment${
              segments.nonGsmCharacters.length > 0
                ? ` · Unicode because of ${segments.nonGsmCharacters.join(' ')}`
                : ''
            }`
          : `${body.length.toLocaleString()} / ${BODY_MAX.toLocaleString()} characters`}
        {segments !== null && segmentWarning(segments) !== null ? ` — ${segmentWarning(segments)}` : ''}
      </p>
      <section className="exact" aria-label="What will be sent">
        <h3>What {first} will get</h3>
        {preview.data?.error !== undefined ? (
          <p className="field-error">{preview.data.error.message}</p>
        ) : exact !== '' ? (
          <>
            {preview.data?.subject !== undefined ? (
              <p className="touch-subject">{preview.data.subject}</p>
            ) : null}
            <pre>{exact}</pre>
          </>
        ) : (
          <p className="muted">Write a message to see it here as it will be sent.</p>
        )}
        {(preview.data?.warnings ?? []).map((w) => (
          <p key={w} className="muted">
            {w}
          </p>
        ))}
      </section>
      {verdict !== undefined ? (
        <p className={quiet ? 'verdict quiet' : 'verdict'} role="status">
          {unreachable !== undefined
            ? unreachable
            : quiet
              ? `It is ${verdict.localTime} for ${first} (${verdict.zone}), inside quiet hours: this will go at ${verdict.nextAllowedLocal} their time.`
              : `It is ${verdict.localTime} for ${first} (${verdict.zone}); this goes now.`}
        </p>
      ) : null}
      {send.isError ? <p className="field-error">{messageOf(send.error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {quiet ? (
          <button
            type="button"
            className="primary"
            disabled={blocked || send.isPending}
            onClick={() => submit('next_allowed')}
          >
            Schedule for {verdict.nextAllowedLocal} their time
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={blocked || send.isPending}
            onClick={() => submit('now')}
          >
            {send.isPending ? 'Sending…' : 'Send now'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
