export * from './render';
export * from './html';
