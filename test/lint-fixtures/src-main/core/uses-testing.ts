// Lint fixture: production code importing a fake from core/testing (no-restricted-paths must fire).
import { FakeClock } from '../../../../src-main/core/testing/fake-clock';

export const clock = new FakeClock();
