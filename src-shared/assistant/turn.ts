// One turn of the assistant, pure: from its state and what just happened (its opener, a reply,
// a silence) to what it says, what it learned and whether it hands the lead to the agent.
// Rules of a turn, in order: a STOP ends it; every reply is read (history and in context);
// a hand-off reason in the reply wins over the next question; a lead that is hot is handed
// off; the day's message limit is never passed; every text it would send passes the
// guardrails or is not sent (and the agent is called instead).
import { keywordOf } from '../sms/keywords';
import type { AssistantLanguage, Qualification, QualificationField } from './qualification';
import { fieldLabels, nextField, questionFor } from './qualification';
import type { HandOff } from './hand-off';
import { asksIfHuman, handOffFor } from './hand-off';
import { fairHousingAnswer, outgoingViolations } from './guardrails';
import { readAnswer } from './reading';
import type { AssistantLeadState, AssistantSettings, AssistantTurn } from './state';

export interface AssistantVoice {
  agentFirstName: string;
  brokerage: string;
  leadFirstName: string;
}

export type TurnEvent =
  | { kind: 'opener' }
  | { kind: 'reply'; messageId: string; text: string; optOut: boolean }
  | { kind: 'silence' };

export interface TurnInput {
  state: AssistantLeadState;
  event: TurnEvent;
  voice: AssistantVoice;
  settings: AssistantSettings;
  /** The lead's score now, and the team day for the daily limit. */
  score: number;
  day: string;
  now: number;
  teamAreas?: readonly string[];
  /** Fields a model read from the reply, already checked against its words; rules win. */
  aiFields?: Qualification;
}

export interface TurnResult {
  state: AssistantLeadState;
  /** The text to queue to the lead, or null. */
  send: string | null;
  handOff: HandOff | null;
  /** What this reply filled, field by field, for the timeline and the score. */
  learned: QualificationField[];
}

const spanishMarkers =
  /\b(hola|gracias|quiero|busco|casa|comprar|vender|mudarme|sí|usted|buenos días|buenas)\b/i;

export function languageOf(text: string, current: AssistantLanguage): AssistantLanguage {
  return spanishMarkers.test(text) ? 'es' : current;
}

function intro(voice: AssistantVoice, language: AssistantLanguage): string {
  const at =
    voice.brokerage.trim() === ''
      ? ''
      : language === 'es'
        ? ` en ${voice.brokerage}`
        : ` at ${voice.brokerage}`;
  const hi =
    voice.leadFirstName.trim() === ''
      ? language === 'es'
        ? 'Hola'
        : 'Hi'
      : `${language === 'es' ? 'Hola' : 'Hi'} ${voice.leadFirstName.trim()}`;
  return language === 'es'
    ? `${hi}, soy el asistente de ${voice.agentFirstName}${at}.`
    : `${hi}, I'm ${voice.agentFirstName}'s assistant${at}.`;
}

function truthfulAnswer(voice: AssistantVoice, language: AssistantLanguage): string {
  return language === 'es'
    ? `Soy un asistente automático, no una persona; ${voice.agentFirstName} lee esta conversación y puede intervenir cuando quiera.`
    : `I'm an automated assistant, not a person; ${voice.agentFirstName} reads this conversation and can step in any time.`;
}

function handOffLine(
  kind: HandOff['kind'],
  voice: AssistantVoice,
  language: AssistantLanguage,
): string | null {
  const agent = voice.agentFirstName;
  if (kind === 'fair_housing') return fairHousingAnswer(agent, language);
  if (kind === 'stalled' || kind === 'daily_limit' || kind === 'guardrail') return null;
  if (kind === 'upset')
    return language === 'es'
      ? `Lo siento. Le paso esto a ${agent}.`
      : `Sorry about that. I'm passing this to ${agent}.`;
  if (kind === 'qualified')
    return language === 'es'
      ? `¡Gracias, es todo lo que necesitaba! ${agent} le contactará pronto.`
      : `Thanks, that's everything I needed! ${agent} will be in touch shortly.`;
  return language === 'es'
    ? `¡Gracias! ${agent} le contactará directamente muy pronto.`
    : `Thanks! I'll have ${agent} reach out to you directly very soon.`;
}

function note(
  at: number,
  kind: AssistantTurn['kind'],
  text: string,
  field: QualificationField | null = null,
  messageId: string | null = null,
): AssistantTurn {
  return { at, kind, field, messageId, text: text.slice(0, 500) };
}

export function planTurn(input: TurnInput): TurnResult {
  const { event, voice, settings, now } = input;
  let state: AssistantLeadState = { ...input.state, updatedAt: now };
  if (state.day !== input.day) state = { ...state, day: input.day, sentToday: 0 };
  const turns: AssistantTurn[] = [];
  const finish = (
    send: string | null,
    handOff: HandOff | null,
    learned: QualificationField[] = [],
  ): TurnResult => {
    let next = { ...state, turns: [...state.turns, ...turns].slice(-60) };
    if (handOff !== null) {
      next = {
        ...next,
        mode: 'handed_off',
        nudgeAt: null,
        handOff: { kind: handOff.kind, reason: handOff.reason.slice(0, 300), at: now, taskId: null },
      };
    }
    if (send !== null) next = { ...next, sentToday: next.sentToday + 1, turnCount: next.turnCount + 1 };
    return { state: next, send, handOff, learned };
  };

  let learned: QualificationField[] = [];
  let prefix = '';
  if (event.kind === 'reply') {
    if (event.optOut || keywordOf(event.text) === 'opt_out') {
      state = { ...state, mode: 'stopped', nudgeAt: null, awaiting: null };
      turns.push(note(now, 'note', 'They asked to stop: the assistant stopped and sends nothing more.'));
      return finish(null, null);
    }
    state = {
      ...state,
      language: languageOf(event.text, state.language),
      unanswered: 0,
      lastReadId: event.messageId,
      nudgeAt: null,
    };
    const before = state.qualification;
    let after = readAnswer(before, event.text, state.awaiting, now, input.teamAreas ?? []);
    for (const [field, filled] of Object.entries(input.aiFields ?? {}))
      if (filled !== undefined && after[field as QualificationField] === undefined)
        after = { ...after, [field]: filled };
    learned = (Object.keys(after) as QualificationField[]).filter((f) => before[f] === undefined);
    const awaited = state.awaiting;
    state = {
      ...state,
      qualification: after,
      awaiting: awaited !== null && after[awaited] === undefined ? awaited : null,
    };
    for (const field of learned) {
      const filled = after[field];
      if (filled !== undefined)
        turns.push(
          note(
            now,
            'answered',
            `${fieldLabels[field]}: ${filled.value} (“${filled.evidence}”)`,
            field,
            event.messageId,
          ),
        );
    }
    if (state.mode !== 'on') return finish(null, null, learned);
    const handOff = handOffFor(event.text, voice.agentFirstName);
    if (handOff !== null) return sendThenHandOff(handOff, learned);
    if (asksIfHuman.test(event.text)) prefix = `${truthfulAnswer(voice, state.language)} `;
  } else if (event.kind === 'silence') {
    if (state.mode !== 'on') return finish(null, null);
    if (state.unanswered >= settings.stallTurns)
      return finish(null, {
        kind: 'stalled',
        reason: `No answer to ${state.unanswered} assistant messages in a row.`,
      });
  }
  if (state.mode !== 'on') return finish(null, null, learned);
  if (input.score >= settings.hotScore)
    return sendThenHandOff(
      { kind: 'hot', reason: `Their score is ${input.score} (hot from ${settings.hotScore}).` },
      learned,
    );

  const field = nextField(state.qualification);
  if (field === null)
    return sendThenHandOff(
      { kind: 'qualified', reason: 'Every qualification question is answered.' },
      learned,
    );
  const question = questionFor(field, state.qualification.intent?.value, state.language);
  // A silence before it ever spoke is its opener (the agent just turned it on).
  const nudge =
    event.kind === 'silence' && state.introduced
      ? state.language === 'es'
        ? 'Solo para confirmar: '
        : 'Just checking in: '
      : '';
  const opening = state.introduced ? '' : `${intro(voice, state.language)} `;
  return queue(`${opening}${prefix}${nudge}${question}`, field);

  function queue(text: string, asked: QualificationField): TurnResult {
    if (state.sentToday >= settings.maxPerLeadPerDay)
      return finish(
        null,
        {
          kind: 'daily_limit',
          reason: `The assistant reached its limit of ${settings.maxPerLeadPerDay} messages to this lead today.`,
        },
        learned,
      );
    const violations = outgoingViolations(text);
    if (violations.length > 0)
      return finish(
        null,
        {
          kind: 'guardrail',
          reason: `A message broke a guardrail (${violations.map((v) => `${v.rule}: "${v.phrase}"`).join(', ')}) and was not sent.`,
        },
        learned,
      );
    state = {
      ...state,
      introduced: true,
      awaiting: asked,
      unanswered: state.unanswered + 1,
      nudgeAt: now + settings.nudgeAfterHours * 3_600_000,
    };
    turns.push(note(now, 'asked', text, asked));
    return finish(text, null, learned);
  }

  function sendThenHandOff(handOff: HandOff, learnedNow: QualificationField[]): TurnResult {
    const line = handOffLine(handOff.kind, voice, state.language);
    const text =
      line === null ? null : `${state.introduced ? '' : `${intro(voice, state.language)} `}${prefix}${line}`;
    if (
      text !== null &&
      state.sentToday < settings.maxPerLeadPerDay &&
      outgoingViolations(text).length === 0
    ) {
      state = { ...state, introduced: true, awaiting: null };
      turns.push(note(now, 'asked', text));
      return finish(text, handOff, learnedNow);
    }
    return finish(null, handOff, learnedNow);
  }
}
