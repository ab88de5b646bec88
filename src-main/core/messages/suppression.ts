// A do-not-contact record. One per channel and address: the id is derived from both, so a
// second STOP, bounce or provider opt-out updates the record instead of adding a copy, and
// every replica writes the same document.
import { suppressionId, type Suppression } from '../../../src-shared/domain';
import type { CoreContext } from '../context';

export interface SuppressionFields {
  channel: Suppression['channel'];
  /** E.164 phone or lower-case email. */
  address: string;
  reason: Suppression['reason'];
  detail: string;
  leadId?: string | undefined;
}

export function suppressionDoc(ctx: CoreContext, fields: SuppressionFields, now: number): Suppression {
  return {
    id: suppressionId(fields.channel, fields.address),
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: now,
    channel: fields.channel,
    address: fields.address,
    reason: fields.reason,
    detail: fields.detail.slice(0, 200),
    ...(fields.leadId === undefined ? {} : { leadId: fields.leadId }),
    createdAt: now,
  };
}
