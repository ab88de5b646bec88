export * from './protocol';
export * from './collections';
export * from './merge';
export * from './erasure';
export * from './sse';
export * from './client';
export * from './claims';
export * from './claims-client';
