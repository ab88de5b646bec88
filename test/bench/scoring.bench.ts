// Scoring figures: 100k leads rescored by the pure scorer (signals from the lead and its
// touches, features, score, factor words), training on 50k outcomes, the AUC recovered from a
// known true model, and the core job's store round trip on 10k leads. Printed, never asserted.
import { performance } from 'node:perf_hooks';
import type { Message } from '../../src-shared/domain';
import {
  auc,
  DEFAULT_MODEL,
  DEFAULT_SCORING_SETTINGS,
  FEATURE_COUNT,
  FEATURES,
  isHeldOut,
  learnScoringModel,
  scoreLead,
  trainLogistic,
} from '../../src-shared/scoring';
import { T0 } from '../../src-shared/scoring/test-fixtures';
import { rescoreLeads } from '../../src-main/core/scoring/rescore';
import { createTestCore } from '../../src-main/core/testing/test-core';
import { generateBook, outcomeRowsOf } from '../scoring/synthetic';

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

async function time<T>(run: () => T | Promise<T>): Promise<{ value: T; elapsed: number }> {
  const start = performance.now();
  const value = await run();
  return { value, elapsed: performance.now() - start };
}

export async function runScoringBench(): Promise<void> {
  const settings = DEFAULT_SCORING_SETTINGS;
  const book = generateBook(100_000, T0, 42);
  const byLead = new Map<string, Message[]>();
  for (const m of book.messages) {
    const list = byLead.get(m.leadId);
    if (list === undefined) byLead.set(m.leadId, [m]);
    else list.push(m);
  }
  console.log(`book: ${book.leads.length} leads, ${book.messages.length} messages`);
  // Reference run: a fixed workload on the same data, so a loaded machine shows as a ratio.
  const reference = await time(() => JSON.parse(JSON.stringify(book.leads)) as unknown);
  console.log(`reference (JSON round trip of the 100k leads): ${ms(reference.elapsed)}`);

  // Warm-up so the figures are the steady state, then the measured passes.
  const buffer = new Float64Array(FEATURE_COUNT);
  for (const lead of book.leads.slice(0, 5_000))
    scoreLead(lead, byLead.get(lead.id) ?? [], T0, settings, DEFAULT_MODEL);
  const numbers = await time(() => {
    let hot = 0;
    for (const lead of book.leads) {
      const scored = scoreLead(lead, byLead.get(lead.id) ?? [], T0, settings, DEFAULT_MODEL, null, {
        words: false,
        features: buffer,
      });
      if (scored.temperature === 'hot') hot++;
    }
    return hot;
  });
  console.log(
    `rescore 100k leads (pure: signals, features, score, factor points, confidence; factor words not built): ${ms(numbers.elapsed)} (target < 1000 ms: ${(numbers.elapsed / 1000).toFixed(2)}x; ${(numbers.elapsed / reference.elapsed).toFixed(1)}x the reference); ${numbers.value} hot`,
  );
  const words = await time(() => {
    for (const lead of book.leads) scoreLead(lead, byLead.get(lead.id) ?? [], T0, settings, DEFAULT_MODEL);
  });
  console.log(
    `rescore 100k leads including every factor's words (the job builds words only for leads whose points moved; target < 1000 ms): ${ms(words.elapsed)}`,
  );

  const { rows, truth } = outcomeRowsOf(
    { leads: book.leads.slice(0, 50_000), messages: book.messages },
    settings,
    9,
  );
  const set = {
    x: new Float64Array(rows.length * FEATURE_COUNT),
    y: Uint8Array.from(rows, (r) => (r.won ? 1 : 0)),
    n: rows.length,
    d: FEATURE_COUNT,
  };
  rows.forEach((r, i) => set.x.set(r.x, i * FEATURE_COUNT));
  const fit = await time(() => trainLogistic(set, { nonNegative: FEATURES.map((f) => f.monotone) }));
  console.log(
    `train logistic on 50k outcomes x ${FEATURE_COUNT} features: ${ms(fit.elapsed)} (${fit.value.iterations} Newton steps; target < 5000 ms)`,
  );
  const learn = await time(() => learnScoringModel(rows, settings));
  if (learn.value.status !== 'trained') throw new Error('the bench book should train');
  const metrics = learn.value.model.metrics;
  const held = rows.map((r, i) => ({ r, p: truth[i] ?? 0 })).filter(({ r }) => isHeldOut(r.id));
  const oracle = auc(
    held.map(({ p }) => p),
    held.map(({ r }) => (r.won ? 1 : 0)),
  );
  console.log(
    `full learning run (held-out fit + metrics + final fit): ${ms(learn.elapsed)}; held-out AUC ${metrics.auc.toFixed(3)} (true model ${oracle.toFixed(3)}, default weights ${metrics.defaultAuc.toFixed(3)}), Brier ${metrics.brier.toFixed(3)}, ECE ${metrics.ece.toFixed(3)}, ${metrics.heldOut} held out`,
  );

  const core = await createTestCore({ start: T0 });
  try {
    const small = generateBook(10_000, T0, 5);
    await core.ctx.db.leads.bulkInsert(small.leads.map((l) => ({ ...l, teamId: 'team-test' })));
    await core.ctx.db.messages.bulkInsert(small.messages);
    const stored = await time(() => rescoreLeads(core.ctx, 'all'));
    const again = await time(() => rescoreLeads(core.ctx, 'all'));
    console.log(
      `core job, 10k leads through the store (memory storage, read + write back): ${ms(stored.elapsed)}; ${stored.value.changed} rewritten; again with nothing changed: ${ms(again.elapsed)}`,
    );
  } finally {
    await core.close();
  }
}
