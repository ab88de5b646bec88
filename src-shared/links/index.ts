export * from './link-tokens';
