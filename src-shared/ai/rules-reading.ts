// The deterministic reading of a reply, from the rules scoring already uses: intent
// (scoring/intent), timeline and budget (scoring/insights), the "just browsing" and serious
// asks (scoring/content) and the carrier opt-out keywords (sms/keywords). Same words, same
// reading; no model, no network. Used when there is no key, the AI is down or over its cap,
// or its answer was invalid.
import { readContent } from '../scoring/content';
import { readBudget, readTimeline } from '../scoring/insights';
import { detectIntent } from '../scoring/intent';
import { keywordOf } from '../sms/keywords';
import type { ReplyReading } from './reply-reading';

/** Opt-out said in a sentence rather than as a carrier keyword. */
const optOutPhrase =
  /\b(stop (texting|messaging|contacting|emailing|calling)|unsubscribe|remove me|take me off|do not (contact|text|call|email)|don'?t (contact|text|call|email) me|opt me out|leave me alone)\b/i;
const wantsCallPhrase =
  /\b(call me|give me a call|phone me|can (you|we) (call|talk|chat)|(a )?call (me )?(back|today|tomorrow|tonight|now|later|this)|talk (on|by) (the )?phone|ring me|what'?s a good time to (call|talk))\b/i;
const negativePhrase =
  /\b(not interested|no thanks|no thank you|wrong number|already (bought|found|sold|listed|have an agent|working with)|found a (place|home|house)|not (looking|selling|buying) (anymore|any more|now)|never mind|nevermind)\b/i;
const positivePhrase =
  /\b(yes|yeah|yep|sure|sounds good|interested|love to|would like|i'?d like|let'?s|great|perfect|works for me|please send)\b/i;

function firstMatch(pattern: RegExp, text: string): string | null {
  const match = pattern.exec(text);
  return match === null ? null : match[0];
}

export function readReplyByRules(text: string): ReplyReading {
  const evidence: string[] = [];
  const note = (phrase: string | null): void => {
    if (phrase !== null && evidence.length < 5 && !evidence.includes(phrase)) evidence.push(phrase);
  };
  const keyword = keywordOf(text);
  const optOutWords = firstMatch(optOutPhrase, text);
  const optOut = keyword === 'opt_out' || optOutWords !== null;
  note(keyword === 'opt_out' ? text.trim() : optOutWords);

  const content = readContent([text]);
  const negative = firstMatch(negativePhrase, text) ?? content.browsing;
  const serious =
    content.urgency ?? content.showing ?? content.availability ?? content.preapproval ?? content.timeline;
  const positive = serious ?? firstMatch(positivePhrase, text);
  const sentiment = optOut || negative !== null ? 'negative' : positive !== null ? 'positive' : 'neutral';
  note(sentiment === 'negative' ? negative : sentiment === 'positive' ? positive : null);

  const wantsCallWords = optOut ? null : firstMatch(wantsCallPhrase, text);
  note(wantsCallWords);

  const intentReading = detectIntent([text]);
  const intent =
    intentReading.intent === 'buy' || intentReading.intent === 'sell' || intentReading.intent === 'both'
      ? intentReading.intent
      : 'none';
  if (intent !== 'none') note(intentReading.evidence[0] ?? null);

  const timeline = readTimeline([text]);
  note(timeline?.evidence[0] ?? null);
  const budget = readBudget([text]);
  note(budget?.evidence[0] ?? null);

  return {
    intent,
    sentiment,
    optOut,
    wantsCall: wantsCallWords !== null,
    timeline: timeline?.value ?? null,
    budget: budget === null ? null : { min: budget.value.min ?? null, max: budget.value.max ?? null },
    evidence,
  };
}
