export * from './quiet-hours';
export * from './delays';
export * from './lead-zones';
export * from './schedule';
