// A lead's opt-out, taken on the server the moment it arrives (an inbound STOP, Twilio's 21610,
// an unsubscribe link), whether or not any desktop is running:
//   1. every address of the lead (or the one address, when it is no lead's) is suppressed in the
//      server's suppression store, so the claim route refuses any replica from then on (CL2),
//      even one that has not pulled yet;
//   2. each gets a suppression document on channel `all`, with the id every replica uses
//      (suppressionId), so desktops stop the lead's sequences as soon as they pull it;
//   3. the lead's consent is revoked on every channel.
// Opting back in (START) lifts only the opt-out suppressions (stop, provider_opt_out) of those
// addresses; a bounce, complaint or manual do-not-contact stays.
import {
  consentSchema,
  leadSchema,
  suppressionId,
  suppressionSchema,
  type Lead,
  type Suppression,
} from '../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import { normalizeAddress } from '../storage/engine-store';
import type { ServerStorage } from '../storage/server-storage';
import { changeDocument, insertDocuments, leadsByAddress } from './team-docs';

export interface OptOut {
  /** Where it came from, kept with the server's suppression: 'twilio-inbound', 'unsubscribe', … */
  source: string;
  teamId: string;
  /** The address the opt-out came from (E.164 or lower-case email; '' when unknown). */
  address: string;
  reason: Extract<Suppression['reason'], 'stop' | 'provider_opt_out'>;
  detail: string;
  now: number;
  /** The lead it is for, when known (a status report names the message, hence the lead). */
  leadId?: string | undefined;
}

function addressesOf(leads: readonly Lead[], address: string): string[] {
  const all = new Set(address === '' ? [] : [address]);
  for (const lead of leads) {
    if (lead.phone !== undefined) all.add(lead.phone);
    if (lead.email !== undefined) all.add(lead.email);
  }
  return [...all];
}

export async function optOutOnServer(storage: ServerStorage, optOut: OptOut): Promise<Lead[]> {
  const leads = optOut.address === '' ? [] : await leadsByAddress(storage, optOut.teamId, optOut.address);
  const named =
    optOut.leadId === undefined || leads.some((lead) => lead.id === optOut.leadId)
      ? []
      : await leadOf(storage, optOut.teamId, optOut.leadId);
  const affected = [...leads, ...named];
  const addresses = addressesOf(affected, optOut.address);
  for (const address of addresses) {
    await storage.suppressions.suppress({
      teamId: optOut.teamId,
      address: normalizeAddress(address),
      channel: 'all',
      reason: optOut.reason,
      source: optOut.source,
      detail: optOut.detail.slice(0, 200),
      at: optOut.now,
    });
  }
  const docs: Suppression[] = addresses.map((address) => {
    const lead = affected.find((l) => l.phone === address || l.email === address) ?? affected[0];
    return {
      id: suppressionId('all', address),
      teamId: optOut.teamId,
      ownerId: lead?.ownerId ?? TEAM_POOL_OWNER_ID,
      updatedAt: optOut.now,
      channel: 'all',
      address,
      reason: optOut.reason,
      detail: optOut.detail.slice(0, 200),
      ...(lead === undefined ? {} : { leadId: lead.id }),
      createdAt: optOut.now,
    };
  });
  await insertDocuments(storage, optOut.teamId, 'suppressions', suppressionSchema, docs);
  const revoked = consentSchema.parse({ sms: 'revoked', whatsapp: 'revoked', email: 'revoked' });
  for (const lead of affected) {
    await changeDocument(storage, optOut.teamId, 'leads', leadSchema, lead.id, (current) => ({
      ...current,
      consent: revoked,
      updatedAt: Math.max(current.updatedAt + 1, optOut.now),
    }));
  }
  return affected;
}

async function leadOf(storage: ServerStorage, teamId: string, leadId: string): Promise<Lead[]> {
  const row = (await storage.readDocuments(teamId, 'leads', [leadId])).get(leadId);
  if (row === undefined || row.doc._deleted) return [];
  const { _deleted: _ignored, ...fields } = row.doc;
  const parsed = leadSchema.safeParse(fields);
  return parsed.success ? [parsed.data] : [];
}

/** START/YES/UNSTOP: lifts the opt-out suppressions of the sender's addresses; how many. */
export async function optBackInOnServer(
  storage: ServerStorage,
  teamId: string,
  address: string,
  channel: 'sms' | 'whatsapp',
  now: number,
): Promise<number> {
  const leads = await leadsByAddress(storage, teamId, address);
  const ids = addressesOf(leads, address).flatMap((a) => [
    suppressionId('all', a),
    suppressionId(channel, a),
  ]);
  return storage.writeDocuments(teamId, 'suppressions', ids, (current) => {
    const lifted = [...current.values()].filter((row) => {
      const reason = row.doc.reason;
      return !row.doc._deleted && (reason === 'stop' || reason === 'provider_opt_out');
    });
    return {
      writes: lifted.map((row) => ({
        id: row.id,
        ownerId: row.ownerId,
        doc: { ...row.doc, updatedAt: now, _deleted: true },
      })),
      result: lifted.length,
    };
  });
}
