// Lint fixture: the other half of the cycle with cycle-a.
import { a } from './cycle-a';

export const b = 'b';
export const callsA = (): string => a();
