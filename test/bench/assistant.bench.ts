// The assistant's proof as a table: the scripted conversations through the rules flow, per field
// precision and recall of the qualification, hand-off recall per reason and the guardrail
// violations; and how long a turn takes beside reading the same replies alone. Printed only.
import { performance } from 'node:perf_hooks';
import { readAnswer } from '../../src-shared/assistant';
import { scriptedConversations } from './assistant-conversations';
import { simulate } from './assistant-simulation';

const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

export function runAssistantBench(): Promise<void> {
  const conversations = scriptedConversations();
  const start = performance.now();
  const report = simulate(conversations);
  const elapsed = performance.now() - start;
  console.log(`assistant rules flow: ${report.conversations} scripted conversations, ${report.turns} turns`);
  console.log('field            precision  recall   (tp/fp/fn)');
  for (const f of report.fields)
    console.log(
      `${f.field.padEnd(16)} ${pct(f.tp, f.tp + f.fp).padStart(9)}  ${pct(f.tp, f.tp + f.fn).padStart(7)}   (${f.tp}/${f.fp}/${f.fn})`,
    );
  console.log('ends with        recall');
  for (const [kind, t] of report.handOffs)
    console.log(`${kind.padEnd(16)} ${pct(t.found, t.expected).padStart(7)}   (${t.found} of ${t.expected})`);
  console.log(`guardrail violations: ${report.violations.length}`);
  for (const v of report.violations.slice(0, 10)) console.log(`  ${v}`);
  // Baseline: reading the same replies with no conversation around them.
  const texts = conversations.flatMap((c) => Object.values(c.answers));
  const base = performance.now();
  for (let i = 0; i < 5; i++) for (const t of texts) readAnswer({}, t, null, 0);
  const baseline = (performance.now() - base) / 5;
  console.log(
    `assistant turn, per turn: ${((1000 * elapsed) / report.turns).toFixed(1)} µs; reading the replies alone (baseline), per reply: ${((1000 * baseline) / texts.length).toFixed(1)} µs`,
  );
  return Promise.resolve();
}
