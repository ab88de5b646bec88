export * from './builtin-sequences';
export * from './builtin-templates';
export * from './engine-settings';
