// One lead's page: who they are, every touch, why they score what they score, and what
// happens next. Its address is `#/leads/<id>`, so back and forward work.
import { useEffect, useState } from 'react';
import { leadDisplayName } from '../../../src-shared/domain';
import { messageOf, useContractPages, useContractQuery } from '../../bridge/query';
import { isShortcutEvent } from '../../shell/keys';
import type { RouteParams } from '../../shell/router';
import { hrefOf } from '../../shell/router';
import { LeadForm } from '../leads/LeadForm';
import { AssistantPanel } from './AssistantPanel';
import { LeadHeader } from './LeadHeader';
import { MatchesPanel } from './MatchesPanel';
import { NextPanel } from './NextPanel';
import { QuickActions } from './QuickActions';
import { ScorePanel } from './ScorePanel';
import { Timeline } from './Timeline';

/** Touches read at a time; older ones come with "Show older touches". */
const TIMELINE_PAGE = 200;

export function LeadScreen({ params }: { params: RouteParams }) {
  const id = params.id ?? '';
  const lead = useContractQuery('leads-get', { id });
  const timeline = useContractPages('messages-for-lead', { leadId: id, limit: TIMELINE_PAGE }, (page) => {
    const oldest = page.at(-1);
    return page.length < TIMELINE_PAGE || oldest === undefined
      ? undefined
      : { leadId: id, limit: TIMELINE_PAGE, before: { createdAt: oldest.createdAt, id: oldest.id } };
  });
  const messages = timeline.data?.pages.flat() ?? [];
  const previews = useContractQuery('messages-previews', { leadId: id });
  const enrollments = useContractQuery('enrollments-for-lead', { leadId: id });
  const tasks = useContractQuery('tasks-for-lead', { leadId: id });
  const insights = useContractQuery('lead-insights', { id });
  const sequences = useContractQuery('sequences-list', { includeArchived: true });
  const sequenceNames = new Map((sequences.data ?? []).map((s) => [s.id, s.name]));
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
      <QuickActions lead={lead.data} />
      <div className="lead-columns">
        <section className="lead-timeline" aria-labelledby="timeline-title">
          <h3 id="timeline-title">Timeline</h3>
          {timeline.isPending ? (
            <p className="muted">Loading the timeline…</p>
          ) : timeline.isError ? (
            <p className="field-error">Could not load the timeline: {messageOf(timeline.error)}</p>
          ) : (
            <>
              <Timeline
                messages={messages}
                previews={previews.data ?? []}
                enrollments={enrollments.data ?? []}
                sequenceNames={sequenceNames}
                zone={lead.data.timeZone}
              />
              {timeline.hasNextPage ? (
                <button
                  type="button"
                  disabled={timeline.isFetchingNextPage}
                  onClick={() => void timeline.fetchNextPage()}
                >
                  {timeline.isFetchingNextPage ? 'Loading older touches…' : 'Show older touches'}
                </button>
              ) : null}
            </>
          )}
        </section>
        <aside className="lead-side">
          <NextPanel
            enrollments={enrollments.data ?? []}
            messages={messages}
            tasks={tasks.data ?? []}
            sequenceNames={sequenceNames}
            zone={lead.data.timeZone}
          />
          <MatchesPanel lead={lead.data} />
          <AssistantPanel leadId={id} zone={lead.data.timeZone} />
          {insights.data !== undefined ? (
            <ScorePanel insights={insights.data} />
          ) : insights.isError ? (
            <p className="field-error">Could not explain the score: {messageOf(insights.error)}</p>
          ) : (
            <p className="muted">Reading the score…</p>
          )}
        </aside>
      </div>
      {editing ? <LeadForm lead={lead.data} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
