// A note, text, email or call made in Follow Up Boss, put on the lead's timeline once (message
// id `fub-<kind>-<id>`, so a second delivery of the webhook finds it there). What the person
// sent or called in arrives as an inbound touch, so the follow-up engine's stop rules treat it
// as a reply; what the agent did in Follow Up Boss is logged as the agent's own touch (which
// ends first touches, as a call logged here does). Notes Porchlight wrote there itself (write-
// back, with its marker) are not brought back.
import type { Lead, MessageChannel } from '../../../src-shared/domain';
import { recordMessage, type MessageFields } from '../messages/record-message';
import type { FubActivity, FubActivityKind } from '../ports/follow-up-boss';
import type { FubRunDeps } from './run-deps';

const MARKER = '(porchlight:message:';
const channelOf: Record<FubActivityKind, MessageChannel> = {
  notes: 'note',
  textMessages: 'sms',
  emails: 'email',
  calls: 'call',
};

export const activityMessageId = (kind: FubActivityKind, id: number): string => `fub-${kind}-${id}`;

function bodyOf(kind: FubActivityKind, activity: FubActivity): string {
  switch (kind) {
    case 'textMessages':
      return activity.message ?? '';
    case 'calls': {
      const length =
        activity.duration === undefined || activity.duration <= 0
          ? 'not answered'
          : `${Math.max(1, Math.round(activity.duration / 60))} min`;
      const said = activity.note === undefined || activity.note === '' ? '' : `: ${activity.note}`;
      return `Call in Follow Up Boss (${length})${said}`;
    }
    default:
      return activity.body ?? '';
  }
}

function fieldsOf(kind: FubActivityKind, activity: FubActivity, at: number): MessageFields {
  const body = bodyOf(kind, activity).slice(0, 20_000);
  const subject =
    activity.subject === undefined || activity.subject === ''
      ? {}
      : { subject: activity.subject.slice(0, 200) };
  // A call nobody answered reached nobody: logged as a note of the attempt, not a touch.
  const reached = kind !== 'calls' || (activity.duration ?? 0) > 0;
  if (activity.isIncoming === true && kind !== 'notes')
    return {
      direction: 'inbound',
      channel: channelOf[kind],
      status: 'received',
      body,
      ...subject,
      authoredBy: 'lead',
      providerId: `fub:${kind}:${activity.id}`,
      statusHistory: [{ status: 'received', at }],
    };
  return {
    direction: 'outbound',
    channel: reached ? channelOf[kind] : 'note',
    status: 'logged',
    body: kind === 'notes' ? `Note in Follow Up Boss: ${body}` : body,
    ...subject,
    authoredBy: 'human',
    providerId: `fub:${kind}:${activity.id}`,
    statusHistory: [{ status: 'logged', at }],
  };
}

export type ActivityOutcome = 'recorded' | 'already_recorded' | 'ours';

/** Records the activity on the lead's timeline unless it is there already or was ours. */
export async function recordActivity(
  deps: FubRunDeps,
  lead: Lead,
  kind: FubActivityKind,
  activity: FubActivity,
): Promise<ActivityOutcome> {
  if (kind === 'notes' && typeof activity.body === 'string' && activity.body.includes(MARKER)) return 'ours';
  const id = activityMessageId(kind, activity.id);
  if ((await deps.db.messages.findOne(id).exec()) !== null) return 'already_recorded';
  const created = activity.created === undefined ? NaN : Date.parse(activity.created);
  const at = Number.isNaN(created) ? deps.now() : Math.min(created, deps.now());
  const fields = fieldsOf(kind, activity, at);
  if (fields.channel === 'note') {
    // A note reached nobody: on the timeline, without moving the lead's last contact.
    const now = deps.now();
    await deps.db.messages.insert({
      ...fields,
      id,
      teamId: lead.teamId,
      ownerId: lead.ownerId,
      updatedAt: now,
      leadId: lead.id,
      createdAt: at,
      attempt: 0,
      demo: lead.demo,
    });
  } else await recordMessage({ db: deps.db, clock: { now: () => deps.now() } }, lead, fields, { id, at });
  return 'recorded';
}
