// Quick actions on a lead: call (a tel: link, then log how it went), text, WhatsApp, email
// (the composer), note, stage, tag, snooze (a follow-up task) and enroll in a sequence.
import { useState } from 'react';
import type { Lead, LeadStage } from '../../../src-shared/domain';
import { leadStages } from '../../../src-shared/domain';
import type { ComposeChannel } from '../../../src-shared/ipc/compose';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { Dialog } from '../../shell/Dialog';
import { stageLabels } from '../leads/format';
import { Composer } from './Composer';

type Open = 'call' | 'note' | 'tag' | 'snooze' | 'enroll' | ComposeChannel | null;
const callOutcomes = ['Talked', 'Left a voicemail', 'No answer', 'Wrong number'] as const;

function LogTouch({ lead, kind, onClose }: { lead: Lead; kind: 'call' | 'note'; onClose: () => void }) {
  const [outcome, setOutcome] = useState<string>(callOutcomes[0]);
  const [text, setText] = useState('');
  const log = useContractMutation('messages-log-outbound');
  const body = kind === 'call' ? `${outcome}${text.trim() === '' ? '' : ` — ${text.trim()}`}` : text.trim();
  return (
    <Dialog
      label={kind === 'call' ? 'Log the call' : 'Add a note'}
      onClose={onClose}
      onSubmit={() =>
        body !== '' && log.mutate({ leadId: lead.id, channel: kind, body }, { onSuccess: onClose })
      }
    >
      <h2>{kind === 'call' ? 'How did the call go?' : 'Add a note'}</h2>
      {kind === 'call' ? (
        <fieldset className="choices">
          <legend>Outcome</legend>
          {callOutcomes.map((o) => (
            <label key={o}>
              <input
                type="radio"
                name="outcome"
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                data-autofocus={o === outcome ? true : undefined}
              />
              {o}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="field">
        <span>{kind === 'call' ? 'Notes (optional)' : 'Note'}</span>
        <textarea
          rows={4}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-autofocus={kind === 'note' ? true : undefined}
        />
      </label>
      {log.isError ? <p className="field-error">{messageOf(log.error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={body === '' || log.isPending}>
          {kind === 'call' ? 'Log the call' : 'Save note'}
        </button>
      </div>
    </Dialog>
  );
}

function TagDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const [tag, setTag] = useState('');
  const update = useContractMutation('leads-update');
  const clean = tag.trim();
  const error = lead.tags.includes(clean)
    ? 'The lead already has this tag.'
    : lead.tags.length >= 50
      ? 'A lead can have at most 50 tags.'
      : null;
  const save = (tags: string[]): void =>
    update.mutate({ id: lead.id, patch: { tags } }, { onSuccess: () => setTag('') });
  return (
    <Dialog
      label="Tags"
      onClose={onClose}
      onSubmit={() => clean !== '' && error === null && save([...lead.tags, clean])}
    >
      <h2>Tags</h2>
      <ul className="tag-list">
        {lead.tags.map((t) => (
          <li key={t}>
            <span className="tag">{t}</span>
            <button
              type="button"
              className="link"
              aria-label={`Remove tag ${t}`}
              onClick={() => save(lead.tags.filter((x) => x !== t))}
            >
              remove
            </button>
          </li>
        ))}
      </ul>
      <label className="field">
        <span>New tag (up to 40 characters)</span>
        <input
          data-autofocus
          value={tag}
          maxLength={40}
          onChange={(e) => setTag(e.target.value)}
          aria-invalid={error !== null && clean !== ''}
          aria-describedby="tag-error"
        />
        {error !== null && clean !== '' ? (
          <span id="tag-error" className="field-error">
            {error}
          </span>
        ) : null}
      </label>
      {update.isError ? <p className="field-error">{messageOf(update.error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
        <button
          type="submit"
          className="primary"
          disabled={clean === '' || error !== null || update.isPending}
        >
          Add tag
        </button>
      </div>
    </Dialog>
  );
}

function SnoozeDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const create = useContractMutation('tasks-create');
  const day = 86_400_000;
  const tomorrowNine = new Date();
  tomorrowNine.setDate(tomorrowNine.getDate() + 1);
  tomorrowNine.setHours(9, 0, 0, 0);
  const choices: [string, number][] = [
    ['In 3 hours', Date.now() + 3 * 3_600_000],
    ['Tomorrow 9:00', tomorrowNine.getTime()],
    ['In 3 days', tomorrowNine.getTime() + 2 * day],
    ['Next week', tomorrowNine.getTime() + 6 * day],
  ];
  const snooze = (dueAt: number): void =>
    create.mutate(
      {
        task: {
          leadId: lead.id,
          kind: 'todo',
          title: `Follow up with ${lead.firstName || 'the lead'}`,
          dueAt,
        },
      },
      { onSuccess: onClose },
    );
  return (
    <Dialog label="Snooze" onClose={onClose}>
      <h2>Remind me to follow up</h2>
      <div className="choice-buttons">
        {choices.map(([label, at], i) => (
          <button
            key={label}
            type="button"
            onClick={() => snooze(at)}
            data-autofocus={i === 0 ? true : undefined}
          >
            {label}
          </button>
        ))}
      </div>
      {create.isError ? <p className="field-error">{messageOf(create.error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function EnrollDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const sequences = useContractQuery('sequences-list', {});
  const [sequenceId, setSequenceId] = useState('');
  const enroll = useContractMutation('enrollments-enroll');
  const skipped = enroll.data?.skipped ?? [];
  return (
    <Dialog
      label="Enroll in a sequence"
      onClose={onClose}
      onSubmit={() =>
        sequenceId !== '' &&
        enroll.mutate(
          { sequenceId, leadIds: [lead.id] },
          { onSuccess: (r) => r.skipped.length === 0 && onClose() },
        )
      }
    >
      <h2>Enroll in a sequence</h2>
      <label className="field">
        <span>Sequence</span>
        <select data-autofocus value={sequenceId} onChange={(e) => setSequenceId(e.target.value)}>
          <option value="">Choose a sequence…</option>
          {(sequences.data ?? [])
            .filter((s) => s.status === 'active')
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </label>
      {skipped.map((s) => (
        <p key={s.leadId} className="field-error">
          Not enrolled: {s.reason}
        </p>
      ))}
      {enroll.isError ? <p className="field-error">{messageOf(enroll.error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={sequenceId === '' || enroll.isPending}>
          Enroll
        </button>
      </div>
    </Dialog>
  );
}

export function QuickActions({ lead }: { lead: Lead }) {
  const [open, setOpen] = useState<Open>(null);
  const update = useContractMutation('leads-update');
  const close = (): void => setOpen(null);
  return (
    <div className="quick-actions" role="toolbar" aria-label="Quick actions">
      {lead.phone !== undefined ? (
        <a
          className="button"
          href={`tel:${lead.phone}`}
          onClick={() => setOpen('call')}
          title="Call, then log how it went"
        >
          Call
        </a>
      ) : null}
      <button
        type="button"
        onClick={() => setOpen('sms')}
        disabled={lead.phone === undefined}
        title="Text (t)"
      >
        Text
      </button>
      <button type="button" onClick={() => setOpen('whatsapp')} disabled={lead.phone === undefined}>
        WhatsApp
      </button>
      <button type="button" onClick={() => setOpen('email')} disabled={lead.email === undefined}>
        Email
      </button>
      <button type="button" onClick={() => setOpen('note')}>
        Note
      </button>
      <button type="button" onClick={() => setOpen('call')}>
        Log a call
      </button>
      <label className="inline-select">
        <span>Stage</span>
        <select
          value={lead.stage}
          onChange={(e) => update.mutate({ id: lead.id, patch: { stage: e.target.value as LeadStage } })}
        >
          {leadStages.map((s) => (
            <option key={s} value={s}>
              {stageLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setOpen('tag')}>
        Tags
      </button>
      <button type="button" onClick={() => setOpen('snooze')}>
        Snooze
      </button>
      <button type="button" onClick={() => setOpen('enroll')}>
        Enroll
      </button>
      {update.isError ? <p className="field-error">{messageOf(update.error)}</p> : null}
      {open === 'call' || open === 'note' ? <LogTouch lead={lead} kind={open} onClose={close} /> : null}
      {open === 'sms' || open === 'whatsapp' || open === 'email' ? (
        <Composer lead={lead} channel={open} onClose={close} />
      ) : null}
      {open === 'tag' ? <TagDialog lead={lead} onClose={close} /> : null}
      {open === 'snooze' ? <SnoozeDialog lead={lead} onClose={close} /> : null}
      {open === 'enroll' ? <EnrollDialog lead={lead} onClose={close} /> : null}
    </div>
  );
}
