// Merge duplicates: every group of live leads sharing an email or a phone, each with the lead
// to keep (the oldest, unless the agent picks another) and the ones to fold into it. Merging
// keeps one lead, fills its blanks from the others, joins tags and notes, and moves every
// touch to it; the others go to the bin marked as merged (leads-merge).
import { useState } from 'react';
import { leadDisplayName } from '../../../src-shared/domain';
import type { DuplicateGroup } from '../../../src-shared/ipc/leads';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { hrefOf } from '../../shell/router';
import { formatRelative, stageLabels } from '../leads/format';
import './merge.css';

const nameOf = (lead: DuplicateGroup['leads'][number]): string =>
  leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed';

function GroupCard({ group, onMerged }: { group: DuplicateGroup; onMerged: (said: string) => void }) {
  const first = group.leads[0];
  const [keepId, setKeepId] = useState(first?.id ?? '');
  const [merging, setMerging] = useState(() => new Set(group.leads.slice(1).map((l) => l.id)));
  const merge = useContractMutation('leads-merge');
  const mergeIds = [...merging].filter((id) => id !== keepId);
  const keep = group.leads.find((l) => l.id === keepId);
  const now = Date.now();
  const heading = group.shared
    .map((s) => `${s.field === 'email' ? 'Email' : 'Phone'} ${s.value}`)
    .join(' · ');
  const toggle = (id: string, on: boolean): void =>
    setMerging((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="merge-group" aria-label={`Duplicates: ${heading}`}>
      <h3>{heading}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Keep</th>
            <th scope="col">Merge in</th>
            <th scope="col">Lead</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">Stage</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {group.leads.map((lead) => (
            <tr key={lead.id} className={lead.id === keepId ? 'kept' : ''}>
              <td>
                <input
                  type="radio"
                  name={`keep-${first?.id ?? ''}`}
                  aria-label={`Keep ${nameOf(lead)}`}
                  checked={lead.id === keepId}
                  onChange={() => setKeepId(lead.id)}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Merge ${nameOf(lead)} in`}
                  disabled={lead.id === keepId}
                  checked={lead.id !== keepId && merging.has(lead.id)}
                  onChange={(e) => toggle(lead.id, e.target.checked)}
                />
              </td>
              <td>
                <a href={hrefOf(`/leads/${encodeURIComponent(lead.id)}`)}>{nameOf(lead)}</a>
                {lead.demo ? <span className="badge demo">demo</span> : null}
              </td>
              <td>{lead.email ?? '—'}</td>
              <td>{lead.phone ?? '—'}</td>
              <td>{stageLabels[lead.stage]}</td>
              <td>{formatRelative(lead.createdAt, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="merge-actions">
        <button
          type="button"
          className="primary"
          disabled={mergeIds.length === 0 || merge.isPending}
          aria-describedby={`merge-help-${first?.id ?? ''}`}
          onClick={() =>
            merge.mutate(
              { keepId, mergeIds },
              {
                onSuccess: (kept) =>
                  onMerged(
                    `Merged ${mergeIds.length} lead${mergeIds.length === 1 ? '' : 's'} into ${nameOf(kept)}; every touch moved to it, and the merged ones are in the bin.`,
                  ),
              },
            )
          }
        >
          {merge.isPending
            ? 'Merging…'
            : `Merge ${mergeIds.length} into ${keep === undefined ? 'the kept lead' : nameOf(keep)}`}
        </button>
        <span
          id={`merge-help-${first?.id ?? ''}`}
          className={mergeIds.length === 0 ? 'field-error' : 'muted'}
        >
          {mergeIds.length === 0
            ? 'Tick at least one lead to merge into the one you keep.'
            : 'Blank fields are filled from the merged leads; tags and notes are joined.'}
        </span>
        {merge.isError ? (
          <p className="field-error" role="alert">
            Could not merge: {messageOf(merge.error)}
          </p>
        ) : null}
      </div>
    </section>
  );
}

export function MergeScreen() {
  const groups = useContractQuery('leads-duplicate-groups', {});
  const [said, setSaid] = useState<string | null>(null);
  return (
    <div className="merge-screen">
      <div className="screen-head">
        <h2>Merge duplicates</h2>
        <a href={hrefOf('/leads')}>Back to the leads</a>
      </div>
      <p className="muted">Leads that share an email address or a phone number are probably one person.</p>
      <p role="status" className="merge-said">
        {said}
      </p>
      {groups.isPending ? (
        <p className="screen-message">Looking for duplicates…</p>
      ) : groups.isError ? (
        <p className="screen-message error" role="alert">
          Could not look for duplicates: {messageOf(groups.error)}{' '}
          <button type="button" onClick={() => void groups.refetch()}>
            Try again
          </button>
        </p>
      ) : groups.data.length === 0 ? (
        <p className="screen-message">
          No duplicates: no two leads share an email address or a phone number.
        </p>
      ) : (
        groups.data.map((group) => (
          <GroupCard key={group.leads.map((l) => l.id).join()} group={group} onMerged={setSaid} />
        ))
      )}
    </div>
  );
}
