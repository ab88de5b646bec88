// Choose a lead to preview or dry-run on: search by name, email or phone; shows the lead's zone.
import { useEffect, useId, useState } from 'react';
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import { useContractQuery } from '../../bridge/query';

export function LeadPicker({
  label,
  leadId,
  onChange,
}: {
  label: string;
  leadId: string | undefined;
  onChange: (lead: Lead | undefined) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(search), 200);
    return () => clearTimeout(t);
  }, [search]);
  const page = useContractQuery('leads-query', {
    ...(debounced.trim() === '' ? {} : { search: debounced }),
    sort: { field: 'name', direction: 'asc' },
    limit: 50,
  });
  const rows = page.data?.rows ?? [];
  return (
    <div className="lead-picker">
      <label htmlFor={`${id}-search`}>{label}</label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Find a lead by name, email or phone"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <select
        aria-label={`${label}: lead`}
        value={leadId ?? ''}
        onChange={(e) => onChange(rows.find((r) => r.id === e.target.value))}
      >
        <option value="">— a sample lead —</option>
        {rows.map((lead) => (
          <option key={lead.id} value={lead.id}>
            {leadDisplayName(lead) || lead.email || lead.phone} · {lead.timeZone || 'zone unknown'}
          </option>
        ))}
      </select>
    </div>
  );
}
