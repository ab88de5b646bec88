// Why this score: each factor's contribution with its reason in words, the confidence, the
// intent with the lead's own phrases as evidence, what was read from their messages (budget,
// timeline, pre-approval, areas, preferred channel and hours), and the next best action.
import type { LeadInsights } from '../../../src-shared/scoring';
import { intentLabels } from '../leads/format';
import { channelWord } from './words';

const actionWords: Record<string, string> = {
  call_now: 'Call now',
  send_listings: 'Send listings',
  reactivate: 'Reactivate',
  wait: 'Wait',
};
const intentWords: Record<string, string> = intentLabels;
const urgencyWords = { now: 'Ready now', soon: 'In the next months', later: 'Later on' };
const approvalWords = { pre_approved: 'Pre-approved', cash: 'Paying cash', not_yet: 'Not pre-approved yet' };

function money(n: number | undefined): string {
  return n === undefined ? '…' : `$${n.toLocaleString('en-US')}`;
}

function Evidence({ phrases }: { phrases: readonly string[] }) {
  if (phrases.length === 0) return null;
  return <span className="evidence"> — “{phrases.join('”, “')}”</span>;
}

export function ScorePanel({ insights }: { insights: LeadInsights }) {
  const { score } = insights;
  const facts: [string, string, readonly string[]][] = [];
  if (insights.budget !== null)
    facts.push([
      'Budget',
      `${money(insights.budget.value.min)} – ${money(insights.budget.value.max)}`,
      insights.budget.evidence,
    ]);
  if (insights.timeline !== null)
    facts.push(['Timeline', urgencyWords[insights.timeline.value], insights.timeline.evidence]);
  if (insights.preApproval !== null)
    facts.push(['Financing', approvalWords[insights.preApproval.value], insights.preApproval.evidence]);
  if (insights.areas !== null)
    facts.push(['Areas', insights.areas.value.join(', '), insights.areas.evidence]);
  if (insights.propertyType !== null)
    facts.push(['Property', insights.propertyType.value, insights.propertyType.evidence]);
  if (insights.replyPattern !== null) {
    const hours = insights.replyPattern.value.hours;
    facts.push([
      'Answers on',
      `${channelWord(insights.replyPattern.value.channel)}${hours === null ? '' : `, mostly ${hours.from}:00–${hours.to}:00 their time`}`,
      [],
    ]);
  }
  return (
    <section className="panel" aria-labelledby="why-score">
      <h3 id="why-score">Why {score.score}</h3>
      <p className="muted">
        {score.temperature} · confidence {Math.round(score.confidence * 100)}% ·{' '}
        {score.model === 'logistic' ? "your team's trained model" : 'default weights'}
      </p>
      <ul className="factors">
        {score.factors.map((f) => (
          <li key={f.name}>
            <span className={f.contribution >= 0 ? 'up' : 'down'}>
              {f.contribution >= 0 ? '+' : '−'}
              {Math.abs(Math.round(f.contribution))}
            </span>{' '}
            {f.reason}
          </li>
        ))}
      </ul>
      <h4>Intent</h4>
      <p>
        {intentWords[insights.intent.value] ?? insights.intent.value}
        <Evidence phrases={insights.intent.evidence} />
      </p>
      {facts.length > 0 ? (
        <dl className="insights">
          {facts.map(([label, value, evidence]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                {value}
                <Evidence phrases={evidence} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {insights.aiSummary !== null ? <p className="muted">AI summary: {insights.aiSummary.value}</p> : null}
      <div className="next-action" aria-label="Next best action">
        <strong>Next best action: {actionWords[insights.nextAction.kind] ?? insights.nextAction.kind}</strong>
        <p>{insights.nextAction.reason}</p>
      </div>
    </section>
  );
}
