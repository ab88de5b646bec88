// One lead's page: who they are, every touch, why they score what they score, and what
// happens next. Its address is `#/leads/<id>`, so back and forward work.
import { useEffect, useState } from 'react';
import { leadDisplayName } from '../../../src-shared/domain';
import { messageOf, useContractQuery } from '../../bridge/query';
import { isShortcutEvent } from '../../shell/keys';
import type { RouteParams } from '../../shell/router';
import { hrefOf } from '../../shell/router';
import { LeadForm } from '../leads/LeadForm';
import { LeadHeader } from './LeadHeader';

export function LeadScreen({ params }: { params: RouteParams }) {
  const id = params.id ?? '';
  const lead = useContractQuery('leads-get', { id });
  const [editing, setEditing] = useState(false);
  const name = lead.data ? leadDisplayName(lead.data) : '';
  useEffect(() => {
    if (name !== '') document.title = `${name} · Porchlight`;
  }, [name]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isShortcutEvent(event)) return;
      if (event.key === 'e') {
        event.preventDefault();
        setEditing(true);
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        window.history.back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (lead.isPending) return <p className="screen-message">Loading the lead…</p>;
  if (lead.isError)
    return (
      <p className="screen-message error" role="alert">
        Could not load the lead: {messageOf(lead.error)} <a href={hrefOf('/leads')}>Back to the leads</a>
      </p>
    );
  if (lead.data === null)
    return (
      <p className="screen-message">
        This lead does not exist or was merged into another. <a href={hrefOf('/leads')}>Back to the leads</a>
      </p>
    );

  return (
    <div className="lead-page">
      <LeadHeader lead={lead.data} onEdit={() => setEditing(true)} />
      {editing ? <LeadForm lead={lead.data} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
