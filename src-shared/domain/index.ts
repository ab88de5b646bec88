export * from './base';
export * from './lead';
export * from './message';
export * from './sequence';
export * from './records';
export * from './listing';
