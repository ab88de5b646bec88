// The assistant, pure: the qualification it fills, how it reads answers, when it hands off,
// the guardrails around its text, its stored state and one turn of the conversation.
export * from './qualification';
export * from './reading';
export * from './hand-off';
export * from './guardrails';
export * from './state';
export * from './turn';
export * from './ai-fields';
