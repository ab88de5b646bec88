// Runs the scripted conversations through the assistant's rules flow (the same planTurn and
// reading the core runs, with the opt-out reading the core adds), and scores the result: per
// field precision and recall of the qualification, hand-off recall per reason, and every
// guardrail violation (a sentence failing outgoingViolations, anything sent after a STOP, a
// question about a field already answered).
import type { AssistantLeadState, QualificationField } from '../../src-shared/assistant';
import {
  newAssistantLeadState,
  outgoingViolations,
  parseAssistantSettings,
  planTurn,
  qualificationFields,
} from '../../src-shared/assistant';
import { readReplyByRules } from '../../src-shared/ai';
import type { ScriptedConversation } from './assistant-conversations';

export interface FieldScore {
  field: QualificationField;
  tp: number;
  fp: number;
  fn: number;
}

export interface SimulationReport {
  conversations: number;
  turns: number;
  fields: FieldScore[];
  handOffs: Map<string, { expected: number; found: number }>;
  violations: string[];
}

const settings = parseAssistantSettings({ maxPerLeadPerDay: 20 });
const voice = { agentFirstName: 'Jane', brokerage: 'Lakeside Realty', leadFirstName: 'Sam' };
const freeFields = new Set<QualificationField>(['areas', 'mustHaves', 'motivation']);

function matches(field: QualificationField, expected: string, got: string): boolean {
  if (freeFields.has(field)) return got.toLowerCase().includes(expected.toLowerCase());
  return got === expected;
}

export function simulate(conversations: readonly ScriptedConversation[]): SimulationReport {
  const fields = new Map<QualificationField, FieldScore>(
    qualificationFields.map((f) => [f, { field: f, tp: 0, fp: 0, fn: 0 }]),
  );
  const handOffs = new Map<string, { expected: number; found: number }>();
  const violations: string[] = [];
  let turns = 0;
  for (const c of conversations) {
    let state: AssistantLeadState = newAssistantLeadState(`lead-${c.name}`, 'lead', null, 0);
    let result = planTurn({ state, event: { kind: 'opener' }, voice, settings, score: 30, day: 'd', now: 0 });
    const answeredFields = new Set<QualificationField>();
    const askedBefore = new Set<QualificationField>();
    let answers = 0;
    let stopped = false;
    for (let turn = 0; turn < 20; turn++) {
      turns++;
      if (result.send !== null) {
        for (const v of outgoingViolations(result.send))
          violations.push(`${c.name}: ${v.rule} "${v.phrase}"`);
        if (stopped) violations.push(`${c.name}: sent after STOP`);
      }
      state = result.state;
      if (state.mode !== 'on' || result.send === null) break;
      const asked = state.awaiting;
      if (asked === null) break;
      if (state.qualification[asked] !== undefined)
        violations.push(`${c.name}: asked ${asked} again after it was answered`);
      let text: string;
      if (c.breakAfter !== undefined && c.breakWith !== undefined && answers === c.breakAfter)
        text = c.breakWith;
      else {
        text = askedBefore.has(asked) ? 'not sure' : (c.answers[asked] ?? 'not sure');
        askedBefore.add(asked);
        answeredFields.add(asked);
        answers++;
      }
      const reading = readReplyByRules(text);
      result = planTurn({
        state,
        event: { kind: 'reply', messageId: `in-${turn}`, text, optOut: reading.optOut },
        voice,
        settings,
        score: 30,
        day: 'd',
        now: turn + 1,
      });
      if (result.state.mode === 'stopped') stopped = true;
    }
    state = result.state;
    for (const field of qualificationFields) {
      const score = fields.get(field);
      if (score === undefined) continue;
      // Only what the lead was asked (and answered) counts: a broken-off conversation is judged
      // on the answers it got.
      const expected = answeredFields.has(field) ? c.expected[field] : undefined;
      const got = state.qualification[field]?.value;
      if (expected !== undefined && got !== undefined && matches(field, expected, got)) score.tp++;
      else {
        if (got !== undefined && (expected !== undefined || answeredFields.has(field))) score.fp++;
        if (expected !== undefined) score.fn++;
      }
    }
    const tally = handOffs.get(c.ends) ?? { expected: 0, found: 0 };
    tally.expected++;
    const ended = state.mode === 'stopped' ? 'stopped' : state.handOff?.kind;
    if (ended === c.ends) tally.found++;
    handOffs.set(c.ends, tally);
  }
  return { conversations: conversations.length, turns, fields: [...fields.values()], handOffs, violations };
}
