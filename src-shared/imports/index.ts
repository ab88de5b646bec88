export * from './fields';
export * from './presets';
export * from './detect-mapping';
export * from './cell-values';
export * from './csv-write';
export * from './batch';
