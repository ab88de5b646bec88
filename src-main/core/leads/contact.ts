// Contact fields as stored; the rules live in src-shared so the sync server's lead intake
// normalises exactly as the desktop does.
export { normalizeEmail, normalizePhone, type ContactResult } from '../../../src-shared/leads/contact';
