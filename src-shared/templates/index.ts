export * from './render';
export * from './html';
export * from './profile-placeholders';
