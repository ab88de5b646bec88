// Turns core's analytics figures into chart options and tables. Nothing is computed here
// beyond laying the figures out: the numbers come from core as they are.
import type {
  ChannelPerformanceRow,
  FunnelRow,
  ResponseTimes,
  SourceRow,
  SpeedToLead,
  StepEffectivenessRow,
} from '../../../src-shared/ipc/analytics';
import type { ModelReport } from '../../../src-shared/ipc/scoring';
import type { ChartOption } from './Chart';
import type { Cell } from './csv';

export interface Table {
  header: string[];
  rows: Cell[][];
}

const COLORS = ['#b45309', '#1d4ed8', '#047857', '#7c3aed', '#be123c', '#0f766e'];
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const grid = { left: 48, right: 16, top: 36, bottom: 40, containLabel: true };
const AUTHORS: Record<string, string> = { template: 'template', ai: 'AI', human: 'human', lead: 'lead' };

export function channelPerformance(rows: readonly ChannelPerformanceRow[]): {
  option: ChartOption;
  table: Table;
} {
  const labels = rows.map((r) => `${r.channel} · ${AUTHORS[r.authoredBy] ?? r.authoredBy}`);
  const measures = ['sent', 'delivered', 'opened', 'clicked', 'replied'] as const;
  return {
    option: {
      color: COLORS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 5 ? 30 : 0 },
      },
      yAxis: { type: 'value' },
      series: measures.map((m) => ({ type: 'bar', name: m, data: rows.map((r) => r[m]) })),
    },
    table: {
      header: ['channel', 'author', ...measures, 'failed', 'reply rate'],
      rows: rows.map((r) => [
        r.channel,
        r.authoredBy,
        ...measures.map((m) => r[m]),
        r.failed,
        Math.round(r.replyRate * 1000) / 1000,
      ]),
    },
  };
}

export function responseRates(rows: readonly ChannelPerformanceRow[], times: ResponseTimes) {
  const labels = rows.map((r) => `${r.channel} · ${AUTHORS[r.authoredBy] ?? r.authoredBy}`);
  const option: ChartOption = {
    color: ['#047857'],
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
    grid,
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    series: [{ type: 'bar', name: 'reply rate', data: rows.map((r) => r.replyRate) }],
  };
  const minutes = (x: number | null) => (x === null ? '—' : Math.round(x));
  const table: Table = {
    header: ['measure', 'p50 minutes', 'p90 minutes', 'count'],
    rows: [
      [
        'lead reply after a touch',
        minutes(times.leadReplyMinutes.p50),
        minutes(times.leadReplyMinutes.p90),
        times.leadReplyMinutes.count,
      ],
      [
        'agent answer after a reply',
        minutes(times.agentResponseMinutes.p50),
        minutes(times.agentResponseMinutes.p90),
        times.agentResponseMinutes.count,
      ],
    ],
  };
  return { option, table };
}

export function speedToLead(speed: SpeedToLead): { option: ChartOption; table: Table } {
  return {
    option: {
      color: ['#1d4ed8'],
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: {
        type: 'category',
        data: speed.buckets.map((b) => b.label),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', name: 'leads' },
      series: [
        {
          type: 'bar',
          name: 'leads',
          data: speed.buckets.map((b, i) => ({
            value: b.count,
            itemStyle: { color: i < 2 ? '#047857' : '#b45309' },
          })),
          markLine: {
            symbol: 'none',
            data: [{ xAxis: 1.5, name: '5-minute mark' }],
            label: { formatter: '5 min' },
          },
        },
      ],
    },
    table: {
      header: ['first touch', 'leads'],
      rows: [...speed.buckets.map((b) => [b.label, b.count]), ['not touched yet', speed.untouched]],
    },
  };
}

export function funnel(rows: readonly FunnelRow[]): { option: ChartOption; table: Table } {
  const path = rows.filter((r) => r.leftFunnel !== true);
  return {
    option: {
      color: COLORS,
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '8%',
          label: { formatter: '{b}: {c}' },
          data: path.map((r) => ({ name: r.stage.replace('_', ' '), value: r.leads })),
        },
      ],
    },
    table: {
      header: ['stage', 'leads', 'beside the path'],
      rows: rows.map((r) => [r.stage, r.leads, r.leftFunnel ? 'yes' : '']),
    },
  };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function heatmap(cells: readonly (readonly number[])[]): { option: ChartOption; table: Table } {
  const data = cells.flatMap((row, day) => row.map((count, hour) => [hour, day, count]));
  const max = Math.max(1, ...data.map((d) => d[2] ?? 0));
  return {
    option: {
      tooltip: { position: 'top' },
      grid: { ...grid, top: 8, bottom: 56 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h)), name: 'hour' },
      yAxis: { type: 'category', data: WEEKDAYS, inverse: true },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ['#fff7ed', '#b45309'] },
      },
      series: [{ type: 'heatmap', name: 'replies', data }],
    },
    table: {
      header: ['weekday', ...Array.from({ length: 24 }, (_, h) => `${h}h`)],
      rows: cells.map((row, day) => [WEEKDAYS[day] ?? String(day), ...row]),
    },
  };
}

export function steps(rows: readonly StepEffectivenessRow[], names: ReadonlyMap<string, string>) {
  const labels = rows.map(
    (r) => `${names.get(r.sequenceId) ?? r.sequenceId} v${r.sequenceVersion} #${r.stepIndex + 1}`,
  );
  const option: ChartOption = {
    color: ['#7c3aed'],
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
    grid: { ...grid, left: 8 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    series: [{ type: 'bar', name: 'reply rate', data: rows.map((r) => r.replyRate) }],
  };
  const table: Table = {
    header: ['sequence', 'version', 'step', 'channel', 'sent', 'replied', 'reply rate'],
    rows: rows.map((r) => [
      names.get(r.sequenceId) ?? r.sequenceId,
      r.sequenceVersion,
      r.stepIndex + 1,
      r.channel,
      r.sent,
      r.replied,
      Math.round(r.replyRate * 1000) / 1000,
    ]),
  };
  return { option, table, height: Math.max(200, rows.length * 22 + 60) };
}

export function sources(
  rows: readonly SourceRow[],
  label: (s: string) => string,
): { option: ChartOption; table: Table } {
  const measures = ['leads', 'replied', 'appointments', 'closed'] as const;
  return {
    option: {
      color: COLORS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: rows.map((r) => label(r.source)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: measures.map((m) => ({ type: 'bar', name: m, data: rows.map((r) => r[m]) })),
    },
    table: {
      header: ['source', ...measures, 'reply rate', 'close rate'],
      rows: rows.map((r) => [
        label(r.source),
        ...measures.map((m) => r[m]),
        Math.round(r.replyRate * 1000) / 1000,
        Math.round(r.closeRate * 1000) / 1000,
      ]),
    },
  };
}

export function calibration(report: ModelReport): { option: ChartOption; table: Table } | null {
  const model = report.latest;
  const bins = model?.metrics.calibration ?? [];
  if (model === null || bins.length === 0) return null;
  return {
    option: {
      color: ['#b45309', '#9ca3af'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'value', min: 0, max: 1, name: 'predicted' },
      yAxis: { type: 'value', min: 0, max: 1, name: 'observed' },
      series: [
        { type: 'line', name: 'this model', data: bins.map((b) => [b.predicted, b.observed]) },
        {
          type: 'line',
          name: 'perfect',
          data: [
            [0, 0],
            [1, 1],
          ],
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
      ],
    },
    table: {
      header: ['predicted', 'observed', 'leads'],
      rows: bins.map((b) => [b.predicted, b.observed, b.count]),
    },
  };
}
