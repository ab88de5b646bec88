// Small helpers for printing benchmark figures, and the record of every figure a run printed
// (`npm run bench -- --json FILE` writes it, so two runs can be compared by name).
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

export function printTable(title: string, rows: readonly (readonly string[])[]): void {
  console.log(`\n${title}`);
  const widths = rows.reduce<number[]>(
    (acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)),
    [],
  );
  for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
}

/** One measured figure: a name unique within its suite, the value in `unit`, what it is held to. */
export interface Figure {
  readonly suite: string;
  readonly name: string;
  readonly value: number;
  readonly unit: 'ms' | 'MB' | 'x' | 'count' | 'ratio';
  /** The floor and goal, as text ("< 1 s"), when the figure has one. */
  readonly floor?: string;
  readonly goal?: string;
}

const figures: Figure[] = [];
let currentSuite = '';

export function beginSuite(name: string): void {
  currentSuite = name;
}

/** Records a figure for the JSON output; returns the value so it can be printed inline. */
export function figure(
  name: string,
  value: number,
  unit: Figure['unit'],
  target: { floor?: string; goal?: string } = {},
): number {
  figures.push({ suite: currentSuite, name, value: Math.round(value * 100) / 100, unit, ...target });
  return value;
}

export function recordedFigures(): readonly Figure[] {
  return figures;
}
