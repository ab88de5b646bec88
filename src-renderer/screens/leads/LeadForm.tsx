// Add or edit a lead. Core validates and normalises; its field errors are shown beside the
// inputs they name, and nothing typed is lost when a save is refused. In a team, a new lead goes
// to the team's routing rules unless the agent keeps it (decision 0901).
import { useState } from 'react';
import type { Lead, LeadIntent, LeadSource, LeadStage } from '../../../src-shared/domain';
import { leadSources, leadStages } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { suggestEmailCorrection } from '../../../src-shared/leads/email-typo';
import type { LeadInput } from '../../../src-shared/ipc/leads';
import { useBridge } from '../../bridge/context';
import { useContractQuery } from '../../bridge/query';
import { Dialog } from '../../shell/Dialog';
import { sourceLabels, stageLabels } from './format';

interface Draft {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  stage: LeadStage;
  source: LeadSource;
  intent: LeadIntent;
  state: string;
  zip: string;
  notes: string;
}

function draftOf(lead: Lead | null): Draft {
  return {
    firstName: lead?.firstName ?? '',
    lastName: lead?.lastName ?? '',
    email: lead?.email ?? '',
    phone: lead?.phone ?? '',
    stage: lead?.stage ?? 'new',
    source: lead?.source ?? 'manual',
    intent: lead?.intent ?? 'unknown',
    state: lead?.address?.state ?? '',
    zip: lead?.address?.zip ?? '',
    notes: lead?.notes ?? '',
  };
}

function inputOf(draft: Draft, existing: Lead | null): LeadInput {
  const address = { ...existing?.address, state: draft.state || undefined, zip: draft.zip || undefined };
  const hasAddress = Object.values(address).some((v) => v !== undefined && v !== '');
  return {
    firstName: draft.firstName,
    lastName: draft.lastName,
    email: draft.email,
    phone: draft.phone,
    stage: draft.stage,
    source: draft.source,
    intent: draft.intent,
    notes: draft.notes,
    ...(hasAddress ? { address: JSON.parse(JSON.stringify(address)) as LeadInput['address'] } : {}),
  };
}

/** The contract's limits (leadInputSchema), enforced while typing so a save is never refused for length. */
const maxLengths: Partial<Record<keyof Draft, number>> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 40,
  state: 40,
  zip: 20,
  notes: 20_000,
};

export interface LeadFormProps {
  lead: Lead | null;
  onClose: (saved?: Lead) => void;
}

export function LeadForm({ lead, onClose }: LeadFormProps) {
  const bridge = useBridge();
  const [draft, setDraft] = useState(() => draftOf(lead));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [keep, setKeep] = useState(false);
  const inTeam = (useContractQuery('sync-status', {}).data?.agent ?? null) !== null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (): Promise<void> => {
    setSaving(true);
    setErrors({});
    setProblem(null);
    try {
      const input = inputOf(draft, lead);
      const result =
        lead === null
          ? await bridge.invoke('leads-create', { lead: input, owner: inTeam && !keep ? 'team' : 'mine' })
          : await bridge.invoke('leads-update', { id: lead.id, patch: input });
      onClose(result.lead);
    } catch (error) {
      if (error instanceof PorchlightError && error.fieldErrors !== undefined) {
        setErrors(error.fieldErrors);
        setProblem(error.message);
      } else setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  // A likely typo in the email's domain is offered beside the field; the address is kept as typed.
  const emailSuggestion = suggestEmailCorrection(draft.email);
  const describedBy = (key: keyof Draft, errorKey: string): string | undefined => {
    const ids = [
      errors[errorKey] !== undefined ? `${key}-error` : null,
      key === 'email' && emailSuggestion !== null ? 'email-suggestion' : null,
    ].filter((id) => id !== null);
    return ids.length === 0 ? undefined : ids.join(' ');
  };

  const field = (key: keyof Draft, label: string, type = 'text', errorKey: string = key) => (
    <label className="field">
      <span>{label}</span>
      <input
        data-autofocus={key === 'firstName' ? true : undefined}
        maxLength={maxLengths[key]}
        name={key}
        type={type}
        value={draft[key]}
        aria-invalid={errors[errorKey] !== undefined}
        aria-describedby={describedBy(key, errorKey)}
        onChange={(e) => set(key, e.target.value as never)}
      />
      {errors[errorKey] !== undefined ? (
        <span className="field-error" id={`${key}-error`} role="alert">
          {errors[errorKey]}
        </span>
      ) : null}
    </label>
  );

  return (
    <Dialog label={lead ? 'Edit lead' : 'New lead'} onClose={() => onClose()} onSubmit={() => void submit()}>
      <h2>{lead ? 'Edit lead' : 'New lead'}</h2>
      {problem !== null ? <p className="form-problem">{problem}</p> : null}
      <div className="form-grid">
        {field('firstName', 'First name')}
        {field('lastName', 'Last name')}
        <div className="field-stack">
          {field('email', 'Email', 'email')}
          {emailSuggestion !== null ? (
            <p className="field-hint" id="email-suggestion">
              Did you mean{' '}
              <button type="button" className="link" onClick={() => set('email', emailSuggestion)}>
                {emailSuggestion}
              </button>
              ? The address is kept as typed unless you choose it.
            </p>
          ) : null}
        </div>
        {field('phone', 'Phone', 'tel')}
        {field('state', 'State', 'text', 'address.state')}
        {field('zip', 'ZIP', 'text', 'address.zip')}
        <label className="field">
          <span>Stage</span>
          <select
            name="stage"
            value={draft.stage}
            onChange={(e) => set('stage', e.target.value as LeadStage)}
          >
            {leadStages.map((s) => (
              <option key={s} value={s}>
                {stageLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Source</span>
          <select
            name="source"
            value={draft.source}
            onChange={(e) => set('source', e.target.value as LeadSource)}
          >
            {leadSources.map((s) => (
              <option key={s} value={s}>
                {sourceLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Looking to</span>
          <select
            name="intent"
            value={draft.intent}
            onChange={(e) => set('intent', e.target.value as LeadIntent)}
          >
            <option value="buy">Buy</option>
            <option value="sell">Sell</option>
            <option value="both">Buy and sell</option>
            <option value="rent">Rent</option>
            <option value="unknown">Not sure yet</option>
          </select>
        </label>
      </div>
      <label className="field wide">
        <span>Notes</span>
        <textarea
          name="notes"
          rows={3}
          maxLength={maxLengths.notes}
          value={draft.notes}
          onChange={(e) => set('notes', e.target.value)}
        />
      </label>
      {lead === null && inTeam ? (
        <label className="check">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
          <span>
            Keep this lead: it stays yours. Otherwise the team’s routing rules choose who gets it once this
            computer syncs.
          </span>
        </label>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={() => onClose()}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save lead'}
        </button>
      </div>
    </Dialog>
  );
}
