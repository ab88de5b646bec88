// Whether the team may send to an address on a channel, as the server knows it now: the
// suppressions written on the server (STOP, unsubscribe, 21610: in force the moment they
// arrive) and the replicated `suppressions` documents the desktops made (do-not-contact, a
// bounce seen by a desktop). The claim route refuses a suppressed recipient (CL2).
import type { Channel } from '../../src-shared/domain';
import { normalizeAddress } from '../storage/engine-store';
import type { ServerStorage } from '../storage/server-storage';

export interface SuppressionVerdict {
  reason: string;
  detail: string;
}

export async function recipientSuppression(
  storage: ServerStorage,
  teamId: string,
  address: string,
  channel: Channel,
): Promise<SuppressionVerdict | null> {
  const normalized = normalizeAddress(address);
  const onServer = await storage.suppressions.findSuppression(teamId, normalized, channel);
  if (onServer !== null)
    return {
      reason: onServer.reason,
      detail: `the recipient opted out (${onServer.reason}, ${onServer.source})`,
    };
  const replicated = await storage.findByField(teamId, 'suppressions', 'address', normalized);
  const live = replicated.find(
    (row) => row.doc._deleted !== true && (row.doc.channel === channel || row.doc.channel === 'all'),
  );
  if (live === undefined) return null;
  const reason = typeof live.doc.reason === 'string' ? live.doc.reason : 'manual';
  return { reason, detail: `the recipient is on the team's do-not-contact list (${reason})` };
}
