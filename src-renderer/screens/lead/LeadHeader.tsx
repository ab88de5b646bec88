// The top of a lead's page: name, contact, stage, owner, tags, temperature and score.
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import { hrefOf } from '../../shell/router';
import { sourceLabels, stageLabels } from '../leads/format';
import { OwnerField } from './OwnerField';

export function LeadHeader({ lead, onEdit }: { lead: Lead; onEdit: () => void }) {
  const name = leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed lead';
  return (
    <header className="lead-header">
      <nav aria-label="Breadcrumb" className="crumbs">
        <a href={hrefOf('/leads')}>Leads</a> ›
      </nav>
      <div className="lead-title">
        <h2>{name}</h2>
        <span className={`chip temp-${lead.temperature}`}>{lead.temperature}</span>
        <span className="score" title="Score out of 100">
          {lead.score === 0 ? 'not scored yet' : `${lead.score} / 100`}
        </span>
        {lead.demo ? <span className="badge demo">demo</span> : null}
        <button type="button" onClick={onEdit} title="Edit (e)">
          Edit
        </button>
      </div>
      <dl className="lead-facts">
        <div>
          <dt>Phone</dt>
          <dd>{lead.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{lead.email ?? '—'}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>{stageLabels[lead.stage]}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{sourceLabels[lead.source]}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            <OwnerField lead={lead} />
          </dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{lead.timeZone}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>
            {lead.tags.length === 0
              ? 'none'
              : lead.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
          </dd>
        </div>
      </dl>
    </header>
  );
}
