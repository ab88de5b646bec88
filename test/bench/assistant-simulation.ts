// Runs the scripted conversations through the assistant (the same planTurn the core runs) with
// a reader of each reply: the rules alone (the opt-out reading the core adds), or a model behind
// the AI port (assistant-peer-flow.ts). Scores the result: per field precision and recall of
// the qualification, hand-off recall per reason, and every guardrail violation (a sentence
// failing outgoingViolations, anything sent after a STOP, a question about a field already
// answered, an action outside the closed list, a recorded value naming a protected class or
// making a promise).
import type { AssistantLeadState, Qualification, QualificationField } from '../../src-shared/assistant';
import {
  newAssistantLeadState,
  outgoingViolations,
  parseAssistantSettings,
  planTurn,
  protectedClassPhrase,
  qualificationFields,
} from '../../src-shared/assistant';
import { readReplyByRules, replyActionKinds, replyActions } from '../../src-shared/ai';
import type { ScriptedConversation } from './assistant-conversations';

/** What a reader made of one reply: the opt-out, the fields a model read, the actions chosen. */
export interface ReplyRead {
  optOut: boolean;
  aiFields: Qualification;
  actions: readonly string[];
}
export type ReplyReader = (leadId: string, text: string, at: number) => Promise<ReplyRead>;

export const rulesReader: ReplyReader = (_leadId, text) => {
  const reading = readReplyByRules(text);
  return Promise.resolve({ optOut: reading.optOut, aiFields: {}, actions: replyActions(reading).actions });
};
const closedActions = new Set<string>(replyActionKinds);

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
  /** The model's own reading, before the rules' reading wins (empty scores without a model). */
  modelFields: FieldScore[];
  handOffs: Map<string, { expected: number; found: number }>;
  violations: string[];
  /** Texts the assistant queued to leads, each distinct text once. */
  sent: number;
  texts: Set<string>;
}

const settings = parseAssistantSettings({ maxPerLeadPerDay: 20 });
const voice = { agentFirstName: 'Jane', brokerage: 'Lakeside Realty', leadFirstName: 'Sam' };
const freeFields = new Set<QualificationField>(['areas', 'mustHaves', 'motivation']);

function matches(field: QualificationField, expected: string, got: string): boolean {
  if (freeFields.has(field)) return got.toLowerCase().includes(expected.toLowerCase());
  return got === expected;
}

/** The fields the model's reading can fill (ai-fields.ts). */
const modelReach: readonly QualificationField[] = ['intent', 'timeline', 'price', 'propertyType'];

/**
 * Only what the lead was asked (and answered) counts: a broken-off conversation is judged on the
 * answers it got.
 */
function tallyFields(
  scores: Map<QualificationField, FieldScore>,
  c: ScriptedConversation,
  answeredFields: ReadonlySet<QualificationField>,
  read: Qualification,
): void {
  for (const [field, score] of scores) {
    const expected = answeredFields.has(field) ? c.expected[field] : undefined;
    const got = read[field]?.value;
    if (expected !== undefined && got !== undefined && matches(field, expected, got)) score.tp++;
    else {
      if (got !== undefined && (expected !== undefined || answeredFields.has(field))) score.fp++;
      if (expected !== undefined) score.fn++;
    }
  }
}

export async function simulate(
  conversations: readonly ScriptedConversation[],
  reader: ReplyReader = rulesReader,
): Promise<SimulationReport> {
  const fields = new Map<QualificationField, FieldScore>(
    qualificationFields.map((f) => [f, { field: f, tp: 0, fp: 0, fn: 0 }]),
  );
  const modelFields = new Map<QualificationField, FieldScore>(
    modelReach.map((f) => [f, { field: f, tp: 0, fp: 0, fn: 0 }]),
  );
  const handOffs = new Map<string, { expected: number; found: number }>();
  const violations: string[] = [];
  let turns = 0;
  let sent = 0;
  const texts = new Set<string>();
  for (const c of conversations) {
    let state: AssistantLeadState = newAssistantLeadState(`lead-${c.name}`, 'lead', null, 0);
    let result = planTurn({ state, event: { kind: 'opener' }, voice, settings, score: 30, day: 'd', now: 0 });
    const answeredFields = new Set<QualificationField>();
    const askedBefore = new Set<QualificationField>();
    let answers = 0;
    let stopped = false;
    // What the model alone read over the conversation (first reading of each field).
    let modelRead: Qualification = {};
    for (let turn = 0; turn < 20; turn++) {
      turns++;
      if (result.send !== null) {
        sent++;
        texts.add(result.send);
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
      const read = await reader(state.leadId, text, turn + 1);
      modelRead = { ...read.aiFields, ...modelRead };
      for (const action of read.actions)
        if (!closedActions.has(action)) violations.push(`${c.name}: action outside the list "${action}"`);
      result = planTurn({
        state,
        event: { kind: 'reply', messageId: `in-${turn}`, text, optOut: read.optOut },
        voice,
        settings,
        score: 30,
        day: 'd',
        now: turn + 1,
        aiFields: read.aiFields,
      });
      if (result.state.mode === 'stopped') stopped = true;
    }
    state = result.state;
    for (const [field, filled] of Object.entries(state.qualification))
      if (filled !== undefined && filled.source === 'ai') {
        const fair = protectedClassPhrase(filled.value);
        const promise = outgoingViolations(filled.value).find((v) => v.rule === 'promise');
        if (fair !== null) violations.push(`${c.name}: recorded ${field} naming "${fair}"`);
        if (promise !== undefined)
          violations.push(`${c.name}: recorded ${field} promising "${promise.phrase}"`);
      }
    tallyFields(fields, c, answeredFields, state.qualification);
    tallyFields(modelFields, c, answeredFields, modelRead);
    const tally = handOffs.get(c.ends) ?? { expected: 0, found: 0 };
    tally.expected++;
    const ended = state.mode === 'stopped' ? 'stopped' : state.handOff?.kind;
    if (ended === c.ends) tally.found++;
    handOffs.set(c.ends, tally);
  }
  return {
    conversations: conversations.length,
    turns,
    fields: [...fields.values()],
    modelFields: [...modelFields.values()],
    handOffs,
    violations,
    sent,
    texts,
  };
}
