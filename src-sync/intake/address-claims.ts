// Which intake request may create the lead of an email or phone: two posts of the same person
// at the same moment (a form's double submit, Zapier's retry, two instances behind a load
// balancer) must make one lead. Each address of a new lead is claimed in a server-private
// record (id = digest of team and address, so no address is stored) in ONE storage
// transaction; the request that claimed them all creates the lead, any other answers with the
// holder's lead id. A claim whose lead never appeared (the request died) or has since been
// deleted is taken over after CLAIM_STALE_MS, by compare-and-set on the holder.
import { digest } from '../accounts/tokens';
import type { ServerStorage } from '../storage/server-storage';

export const INTAKE_ADDRESSES = 'server.intake_addresses';
/** Longer than any intake request takes between claiming and storing its lead. */
export const CLAIM_STALE_MS = 60_000;

export type AddressClaim = { claimed: true } | { claimed: false; holder: string; at: number };

const slotOf = (teamId: string, address: string): string => digest(`${teamId}\u001f${address}`).slice(0, 40);

/**
 * Claims every address for `leadId` at once, unless one is held by another lead (then nothing
 * is written); `takeOver` names a holder whose claims may be replaced.
 */
export function claimAddresses(
  storage: ServerStorage,
  teamId: string,
  addresses: readonly string[],
  leadId: string,
  now: number,
  takeOver?: string,
): Promise<AddressClaim> {
  const slots = addresses.map((address) => slotOf(teamId, address));
  return storage.writeDocuments<AddressClaim>(teamId, INTAKE_ADDRESSES, slots, (current) => {
    for (const slot of slots) {
      const row = current.get(slot);
      if (row === undefined || row.doc._deleted) continue;
      const holder = String(row.doc.leadId);
      if (holder !== leadId && holder !== takeOver)
        return { writes: [], result: { claimed: false, holder, at: Number(row.doc.at) } };
    }
    return {
      writes: slots.map((id) => ({ id, ownerId: null, doc: { id, leadId, at: now, _deleted: false } })),
      result: { claimed: true },
    };
  });
}
