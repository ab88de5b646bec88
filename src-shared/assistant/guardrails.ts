// The guardrails, in code around whatever writes the assistant's text. Fair Housing (42 U.S.C.
// 3604 and HUD's advertising guidance; state lists add sexual orientation, gender identity,
// age, marital status, source of income, military status, ancestry and creed): the assistant
// never mentions, asks about or steers by a protected characteristic, so a question about one
// gets the neutral answer below and a hand-off. No promises about prices, appraisals, rates or
// approval. `outgoingViolations` is checked on every text before it is queued; a text that
// fails is never sent (the assistant hands off instead).

/** Words that name a protected class (whole words, any case). */
const protectedWords = [
  'race',
  'racial',
  'races',
  'ethnic',
  'ethnicity',
  'colou?r(ed)?',
  'black',
  'white',
  'hispanic',
  'latino',
  'latina',
  'latinx',
  'asian',
  'african',
  'arab',
  'indian',
  'mexican',
  'chinese',
  'caucasian',
  'minorit(y|ies)',
  'diverse',
  'diversity',
  'demographics?',
  'religion',
  'religious',
  'church(es)?',
  'mosques?',
  'synagogues?',
  'temples?',
  'christians?',
  'jewish',
  'jews?',
  'muslims?',
  'catholics?',
  'hindus?',
  'creed',
  'disabled',
  'disabilit(y|ies)',
  'handicap(ped)?',
  'wheelchair',
  'blind',
  'deaf',
  'gay',
  'lesbian',
  'lgbtq?\\+?',
  'transgender',
  'sexual orientation',
  'gender identity',
  'immigrants?',
  'foreigners?',
  'national origin',
  'ancestry',
  'english[- ]speaking',
  'retirees',
  'elderly',
  'seniors',
  'young couples',
  'married couples',
  'single mothers?',
  'section 8',
  'vouchers?',
  'veterans',
  'raza',
  'religi[oó]n',
  'iglesias?',
  'inmigrantes',
] as const;

const protectedPattern = new RegExp(String.raw`\b(${protectedWords.join('|')})\b`, 'i');

/** Questions that steer by family status or by who the neighbours are, without a listed word. */
const steeringQuestions =
  /\b((good|great|right|nice) (area|neighbou?rhood|place|street|town) for (families|kids|children|people like (me|us))|families like (mine|ours|us)|people like (me|us)|family[- ]friendly|lots of (kids|children|families|young families)|(kids|children) (in|around) the (area|neighbou?rhood)|(what|who) (kind|sort|type) of (people|neighbou?rs|families)|who lives (there|in|around)|what are the neighbou?rs like|is it (a )?safe|safe (area|neighbou?rhood)|crime (rate|stats)?|(schools|school district) (like )?for \w+ (people|kids|children|families)|adults? only|no (kids|children)|bueno para familias|gente como yo)\b/i;

/** The lead's phrase that touches a protected characteristic, or null. */
export function protectedClassPhrase(text: string): string | null {
  const word = protectedPattern.exec(text);
  if (word !== null) return word[0];
  const steering = steeringQuestions.exec(text);
  return steering === null ? null : steering[0];
}

/** Promises the assistant must never make. */
const promises =
  /\b(guarantee\w*|promise\w*|(will|going to) (sell|appraise|be approved|get approved|qualify|go up|increase|appreciate)|rates? (will|are going to)|definitely (worth|approved|sell)|(you'?ll|you will) (be approved|qualify|get the loan)|locked?[- ]in rate|te garantizo|garantizado)\b/i;

export interface GuardrailViolation {
  rule: 'fair_housing' | 'promise' | 'length' | 'identity';
  phrase: string;
}

/** Everything wrong with a text the assistant is about to send (empty: it may go). */
export function outgoingViolations(text: string, maxChars = 480): GuardrailViolation[] {
  const found: GuardrailViolation[] = [];
  const fair = protectedClassPhrase(text);
  if (fair !== null) found.push({ rule: 'fair_housing', phrase: fair });
  const promise = promises.exec(text);
  if (promise !== null) found.push({ rule: 'promise', phrase: promise[0] });
  if (text.length > maxChars) found.push({ rule: 'length', phrase: `${text.length} characters` });
  // Never claims to be the agent or a person.
  const claim = /\b(i am|i'?m) (a (real )?(person|human)|the agent|your agent|a realtor)\b/i.exec(text);
  if (claim !== null) found.push({ rule: 'identity', phrase: claim[0] });
  return found;
}

/** The neutral answer to a question about a protected characteristic (then: hand-off). */
export function fairHousingAnswer(agentFirstName: string, language: 'en' | 'es'): string {
  const agent = agentFirstName.trim() === '' ? 'The agent' : agentFirstName.trim();
  return language === 'es'
    ? `No puedo describir zonas según las personas que las habitan. Las fuentes públicas, como el sitio del distrito escolar y los datos de la ciudad, son un buen lugar para informarse. ${agent} le contactará.`
    : `I can't describe areas by the people in them. Public sources such as the school district's website and the city's own data are a good place to look. ${agent} will follow up with you.`;
}
