// What a verified Twilio webhook becomes on the server (docs/channels.md, "Webhooks"):
//   inbound  -> the reply `in-<sid>` on the lead's timeline (owned by the lead's agent, so it
//               replicates to their desktop), the lead's last contact moved; STOP and the other
//               opt-out keywords suppress the sender at once; START/YES/UNSTOP lift that.
//   status   -> the message's provider status, only ever forward (src-shared/sms/twilio-status);
//               21610 in an undelivered report suppresses the lead at once, like a STOP.
// A second delivery of the same report or reply changes nothing.
import { leadSchema, messageSchema, type Lead, type Message } from '../../src-shared/domain';
import { keywordOf, type KeywordKind } from '../../src-shared/sms/keywords';
import {
  OPTED_OUT,
  PROVIDER_STATUS_RANK,
  PROVIDER_TERMINAL_STATUS,
  REPORTABLE_STATUSES,
  deliveryReason,
  recordedProviderRank,
} from '../../src-shared/sms/twilio-status';
import type { ServerStorage } from '../storage/server-storage';
import { optBackInOnServer, optOutOnServer } from '../team/opt-outs';
import { changeDocument, insertDocuments, leadsByAddress, readMessage } from '../team/team-docs';

export interface InboundText {
  sid: string;
  channel: 'sms' | 'whatsapp';
  /** E.164, without Twilio's "whatsapp:" prefix. */
  from: string;
  body: string;
}

export async function recordInboundOnServer(
  storage: ServerStorage,
  teamId: string,
  inbound: InboundText,
  now: number,
): Promise<{ keyword: KeywordKind; messageId: string | null; lead: Lead | undefined }> {
  const keyword = keywordOf(inbound.body);
  if (keyword === 'opt_out') {
    await optOutOnServer(storage, {
      source: 'twilio-inbound',
      teamId,
      address: inbound.from,
      reason: 'stop',
      detail: `"${inbound.body.slice(0, 40)}" on ${inbound.channel}`,
      now,
    });
  } else if (keyword === 'opt_in') {
    await optBackInOnServer(storage, teamId, inbound.from, inbound.channel, now);
  }
  const lead: Lead | undefined = (await leadsByAddress(storage, teamId, inbound.from))[0];
  if (lead === undefined) return { keyword, messageId: null, lead };
  const message: Message = {
    id: `in-${inbound.sid}`.slice(0, 64),
    teamId,
    ownerId: lead.ownerId,
    updatedAt: now,
    leadId: lead.id,
    direction: 'inbound',
    channel: inbound.channel,
    status: 'received',
    createdAt: now,
    body: inbound.body.slice(0, 20_000),
    from: inbound.from,
    attempt: 0,
    authoredBy: 'lead',
    providerId: inbound.sid.slice(0, 128),
    statusHistory: [{ status: 'received', at: now }],
    demo: lead.demo,
  };
  const inserted = await insertDocuments(storage, teamId, 'messages', messageSchema, [message]);
  if (inserted.length === 1) {
    await changeDocument(storage, teamId, 'leads', leadSchema, lead.id, (current) => ({
      ...current,
      lastContactAt: Math.max(current.lastContactAt, now),
      lastInboundAt: Math.max(current.lastInboundAt ?? 0, now),
      updatedAt: Math.max(current.updatedAt + 1, now),
    }));
  }
  return { keyword, messageId: message.id, lead };
}

export interface StatusReport {
  /** Our message id, from the callback URL's `m`. */
  messageId: string | undefined;
  sid: string;
  status: string;
  errorCode: number | undefined;
  errorMessage: string | undefined;
}

export type StatusOutcome = 'recorded' | 'stale' | 'pending' | 'not_found' | 'unknown_status';

export async function recordStatusOnServer(
  storage: ServerStorage,
  teamId: string,
  report: StatusReport,
  now: number,
): Promise<StatusOutcome> {
  const rank = PROVIDER_STATUS_RANK[report.status];
  if (rank === undefined) return 'unknown_status';
  const found = await findMessage(storage, teamId, report);
  if (found === null || found.direction !== 'outbound') return 'not_found';
  const failed = report.status === 'undelivered' || report.status === 'failed';
  const error = failed ? deliveryReason(report.errorCode, report.errorMessage) : undefined;
  const detail = `twilio: ${report.status}${error === undefined ? '' : ` (${error.message})`}`.slice(0, 200);
  const terminal = PROVIDER_TERMINAL_STATUS[report.status];
  let outcome: StatusOutcome = 'stale';
  const stored = await changeDocument(storage, teamId, 'messages', messageSchema, found.id, (current) => {
    if (!REPORTABLE_STATUSES.includes(current.status)) {
      outcome = 'pending';
      return null;
    }
    if (rank <= recordedProviderRank(current, 'twilio')) return null;
    outcome = 'recorded';
    const settles = terminal !== undefined && (current.status === 'sent' || current.status === 'uncertain');
    const status = settles ? terminal : current.status;
    return {
      ...current,
      status,
      providerId: report.sid.slice(0, 128),
      ...(error === undefined || !settles ? {} : { error }),
      updatedAt: Math.max(current.updatedAt + 1, now),
      statusHistory: [...current.statusHistory, { status, at: now, detail }].slice(-50),
    };
  });
  if (stored !== null && report.errorCode === OPTED_OUT && terminal !== 'delivered') {
    await optOutOnServer(storage, {
      source: 'twilio-status',
      teamId,
      address: stored.to ?? '',
      reason: 'provider_opt_out',
      detail: error?.message ?? 'twilio: the recipient opted out',
      leadId: stored.leadId,
      now,
    });
  }
  return outcome;
}

async function findMessage(
  storage: ServerStorage,
  teamId: string,
  report: StatusReport,
): Promise<Message | null> {
  if (report.messageId !== undefined) {
    const byId = await readMessage(storage, teamId, report.messageId);
    if (byId !== null) return byId;
  }
  const rows = await storage.findByField(teamId, 'messages', 'providerId', report.sid);
  const row = rows[0];
  return row === undefined ? null : readMessage(storage, teamId, row.id);
}
