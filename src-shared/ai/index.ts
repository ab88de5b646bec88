// AI, pure: the reply reading and its actions, the rules that read replies without a model,
// the prompts (lead text only as delimited data), SMS fitting, cost and settings.
export * from './actions';
export * from './cost';
export * from './prompts';
export * from './reply-reading';
export * from './rule-drafts';
export * from './rules-reading';
export * from './settings';
export * from './sms-fit';
export * from './answer';
export * from './redact';
