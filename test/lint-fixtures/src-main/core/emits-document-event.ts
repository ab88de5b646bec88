// Lint fixture: a writer announcing a document change by hand (no-restricted-syntax must fire).
import { CoreEvents } from '../../../../src-main/core/events';

const events = new CoreEvents();
events.emit('leads-changed', { ids: ['l1'] });
