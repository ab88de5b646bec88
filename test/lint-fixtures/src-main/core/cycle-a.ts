// Lint fixture: imports cycle-b, which imports this file back (import-x/no-cycle must fire).
import { b } from './cycle-b';

export const a = (): string => `a${b}`;
