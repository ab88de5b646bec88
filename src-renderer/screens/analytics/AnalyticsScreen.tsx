// Analytics: every figure computed by core for a date range, drawn as a chart with its table
// beside it and a CSV export of the table. Loaded only when opened (the chart library stays out
// of the lead grid's first paint).
import { useMemo, useState, type ReactNode } from 'react';
import { leadSourceLabels, type LeadSource } from '../../../src-shared/domain';
import { useContractQuery } from '../../bridge/query';
import { Chart, type ChartOption } from './Chart';
import { downloadCsv, toCsv } from './csv';
import * as figures from './figures';
import './analytics.css';

const DAY = 86_400_000;
const PRESETS = [7, 30, 90, 365] as const;

function dateInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function Figure(props: {
  title: string;
  summary: ReactNode;
  option: ChartOption | null;
  table: figures.Table | null;
  csvName: string;
  height?: number;
  empty?: string;
}) {
  const { table } = props;
  return (
    <section className="figure" aria-label={props.title}>
      <header className="figure-head">
        <h3>{props.title}</h3>
        <button
          type="button"
          disabled={table === null}
          onClick={() => table && downloadCsv(`${props.csvName}.csv`, toCsv(table.header, table.rows))}
        >
          Export CSV
        </button>
      </header>
      <p className="figure-summary">{props.summary}</p>
      {props.option === null ? (
        <p className="muted">{props.empty ?? 'Loading…'}</p>
      ) : (
        <Chart
          option={props.option}
          label={`${props.title} chart`}
          {...(props.height ? { height: props.height } : {})}
        />
      )}
      {table !== null ? (
        <details>
          <summary>Table</summary>
          <div className="figure-table">
            <table>
              <thead>
                <tr>
                  {table.header.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}

export default function AnalyticsScreen() {
  const [now] = useState(() => Date.now());
  const [range, setRange] = useState({ from: now - 90 * DAY, to: now });
  const perf = useContractQuery('analytics-channel-performance', range);
  const times = useContractQuery('analytics-response-times', range);
  const speed = useContractQuery('analytics-speed-to-lead', range);
  const funnel = useContractQuery('analytics-funnel', range);
  const heat = useContractQuery('analytics-reply-heatmap', range);
  const steps = useContractQuery('analytics-step-effectiveness', range);
  const sources = useContractQuery('analytics-sources', range);
  const model = useContractQuery('scoring-model', {});
  const sequences = useContractQuery('sequences-list', { includeArchived: true });
  const names = useMemo(() => new Map((sequences.data ?? []).map((s) => [s.id, s.name])), [sequences.data]);

  const perfFig = useMemo(() => (perf.data ? figures.channelPerformance(perf.data) : null), [perf.data]);
  const ratesFig = useMemo(
    () => (perf.data && times.data ? figures.responseRates(perf.data, times.data) : null),
    [perf.data, times.data],
  );
  const speedFig = useMemo(() => (speed.data ? figures.speedToLead(speed.data) : null), [speed.data]);
  const funnelFig = useMemo(() => (funnel.data ? figures.funnel(funnel.data) : null), [funnel.data]);
  const heatFig = useMemo(() => (heat.data ? figures.heatmap(heat.data.cells) : null), [heat.data]);
  const stepsFig = useMemo(() => (steps.data ? figures.steps(steps.data, names) : null), [steps.data, names]);
  const sourcesFig = useMemo(
    () =>
      sources.data ? figures.sources(sources.data, (s) => leadSourceLabels[s as LeadSource] ?? s) : null,
    [sources.data],
  );
  const calibrationFig = useMemo(() => (model.data ? figures.calibration(model.data) : null), [model.data]);
  const failed = [perf, times, speed, funnel, heat, steps, sources, model].find(
    (q) => q.error !== null,
  )?.error;
  const minutes = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : `${Math.round(x)} min`;
  const latest = model.data?.latest;

  return (
    <div className="pb-screen analytics" aria-label="Analytics">
      <div className="analytics-head">
        <h2>Analytics</h2>
        <div className="range" role="group" aria-label="Date range">
          {PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={range.to === now && range.from === now - days * DAY}
              onClick={() => setRange({ from: now - days * DAY, to: now })}
            >
              {days === 365 ? 'Last year' : `Last ${days} days`}
            </button>
          ))}
          <label>
            From{' '}
            <input
              type="date"
              value={dateInput(range.from)}
              onChange={(e) => {
                const from = Date.parse(e.target.value);
                if (Number.isFinite(from) && from < range.to) setRange({ ...range, from });
              }}
            />
          </label>
          <label>
            To{' '}
            <input
              type="date"
              value={dateInput(range.to)}
              onChange={(e) => {
                const to = Date.parse(e.target.value) + DAY - 1;
                if (Number.isFinite(to) && to > range.from) setRange({ ...range, to });
              }}
            />
          </label>
        </div>
      </div>
      {failed ? (
        <p className="field-error" role="alert">
          {failed.message}
        </p>
      ) : null}
      <div className="figures">
        <Figure
          title="Channel performance"
          summary="Sent, delivered, opened, clicked and replied, by channel and by who wrote it (template, AI, you)."
          option={perfFig?.option ?? null}
          table={perfFig?.table ?? null}
          csvName="channel-performance"
        />
        <Figure
          title="Speed to first touch"
          summary={
            speed.data
              ? `${speed.data.withinFiveMinutes} of ${speed.data.leads} new leads (${Math.round(speed.data.withinFiveMinutesShare * 100)}%) were reached within 5 minutes · median ${minutes(speed.data.p50)} · p90 ${minutes(speed.data.p90)} · ${speed.data.untouched} not reached yet`
              : 'Loading…'
          }
          option={speedFig?.option ?? null}
          table={speedFig?.table ?? null}
          csvName="speed-to-lead"
        />
        <Figure
          title="Response rates"
          summary={
            times.data
              ? `Leads answer a touch in ${minutes(times.data.leadReplyMinutes.p50)} (median); you answer a reply in ${minutes(times.data.agentResponseMinutes.p50)} (median), ${minutes(times.data.agentResponseMinutes.p90)} at p90.`
              : 'Loading…'
          }
          option={ratesFig?.option ?? null}
          table={ratesFig?.table ?? null}
          csvName="response-rates"
        />
        <Figure
          title="Funnel by stage"
          summary="Leads that arrived in the range, by the furthest stage they reached (lost and nurture in the table)."
          option={funnelFig?.option ?? null}
          table={funnelFig?.table ?? null}
          csvName="funnel"
        />
        <Figure
          title="When leads reply"
          summary={
            heat.data
              ? `${heat.data.total} replies by weekday and hour, in each lead's own time zone.`
              : 'Loading…'
          }
          option={heatFig?.option ?? null}
          table={heatFig?.table ?? null}
          csvName="reply-heatmap"
          height={300}
        />
        <Figure
          title="Sequence step effectiveness"
          summary="Reply rate of each step that sent something in the range."
          option={stepsFig?.option ?? null}
          table={stepsFig?.table ?? null}
          csvName="step-effectiveness"
          {...(stepsFig ? { height: stepsFig.height } : {})}
        />
        <Figure
          title="Return by lead source"
          summary="Leads, replies, appointments and closings by where the lead came from."
          option={sourcesFig?.option ?? null}
          table={sourcesFig?.table ?? null}
          csvName="lead-sources"
        />
        <Figure
          title="Score model"
          summary={
            model.data === undefined
              ? 'Loading…'
              : latest
                ? `Scores use ${model.data.using === 'logistic' ? 'the model learned from your outcomes' : 'the default weights'}. Latest model: AUC ${latest.metrics.auc?.toFixed(3) ?? '—'} (defaults ${latest.metrics.defaultAuc?.toFixed(3) ?? '—'}) on ${latest.metrics.heldOut ?? 0} held-out leads; calibration error ${latest.metrics.ece?.toFixed(3) ?? '—'}.`
                : `No model learned yet: it needs ${model.data.outcomes.needed} won or lost leads (${model.data.outcomes.won} won, ${model.data.outcomes.lost} lost so far). Scores use the default weights.`
          }
          option={calibrationFig?.option ?? null}
          table={calibrationFig?.table ?? null}
          csvName="score-calibration"
          empty="The calibration chart appears once a model is learned."
        />
      </div>
    </div>
  );
}
