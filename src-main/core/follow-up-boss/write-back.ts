// Records Porchlight's work in Follow Up Boss, so agents who also use it see the history:
// each message a provider accepted (sent, delivered) becomes a note on the person, and a stage
// changed here becomes the person's stage there. Only the lead's owner's desktop writes back.
// Each note carries a marker with the message id; before writing one, the person's notes are
// read and a message already recorded (by an earlier run that stopped before it could note
// so, or by another desktop) is not recorded twice. A failure is kept with its reason and
// retried later (sooner on "Retry now"); it is never dropped. A person Follow Up Boss no longer
// has (404) is unlinked instead: there is nobody left to write to.
import type { Lead, Message } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../../src-shared/sync';
import type { FubNote } from '../ports/follow-up-boss';
import { FubError } from '../ports/follow-up-boss';
import type { LinkedLeads } from './linked-leads';
import { fubStageMatches, fubStageNames } from './person-lead';
import { politely, type FubRunDeps } from './run-deps';
import type { FubFailure, FubWorkState } from './state';
import { unlinkPerson } from './unlink';

const BATCH = 200;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 3_600_000;
const channelWords: Record<string, string> = {
  sms: 'Text',
  whatsapp: 'WhatsApp message',
  email: 'Email',
  call: 'Call',
};

export const noteMarker = (messageId: string): string => `(porchlight:message:${messageId})`;

function wantsNote(message: Message): boolean {
  return (
    message.direction === 'outbound' &&
    (message.status === 'sent' || message.status === 'delivered') &&
    message.channel !== 'note' &&
    !message.demo
  );
}

export function noteOf(message: Message): { subject: string; body: string } {
  const what = channelWords[message.channel] ?? 'Message';
  const sentAt = message.statusHistory.find((s) => s.status === 'sent')?.at ?? message.updatedAt;
  const lines = [
    ...(message.subject === undefined ? [] : [`Subject: ${message.subject}`, '']),
    message.body,
    '',
    `Sent ${new Date(sentAt).toISOString().slice(0, 16).replace('T', ' ')} UTC${
      message.to === undefined ? '' : ` to ${message.to}`
    }. ${noteMarker(message.id)}`,
  ];
  return { subject: `${what} sent from Porchlight`, body: lines.join('\n') };
}

export class WriteBack {
  private readonly notes = new Map<number, FubNote[]>();

  constructor(
    private readonly deps: FubRunDeps,
    private readonly state: FubWorkState,
    private readonly linked: LinkedLeads,
  ) {}

  /** This agent's lead, or one this desktop handed to the team that no agent holds yet (0901). */
  private owned(lead: Lead | undefined): lead is Lead & { fubId: string } {
    return (
      lead?.fubId !== undefined &&
      lead.deletedAt === 0 &&
      (lead.ownerId === this.deps.workspace.agentId || lead.ownerId === TEAM_POOL_OWNER_ID)
    );
  }

  private due(key: string): boolean {
    const failure = this.state.failures[key];
    return failure === undefined || failure.nextAt <= this.deps.now();
  }

  private async attempt(
    key: string,
    lead: Lead & { fubId: string },
    what: string,
    work: () => Promise<void>,
  ): Promise<void> {
    const leadId = lead.id;
    try {
      await work();
      delete this.state.failures[key];
    } catch (error) {
      // A refused key stops the whole run; the status says so.
      if (!(error instanceof FubError) || error.kind === 'auth') throw error;
      if (error.kind === 'not_found') {
        await unlinkPerson(this.deps, this.linked, lead.fubId);
        delete this.state.failures[key];
        return;
      }
      const attempts = (this.state.failures[key]?.attempts ?? 0) + 1;
      const wait = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
      const failure: FubFailure = {
        leadId,
        what,
        error: error.message,
        attempts,
        nextAt: this.deps.now() + wait,
      };
      this.state.failures[key] = failure;
    }
  }

  /** Stages changed here; each lead written goes back into the run's linked leads. */
  async stages(): Promise<void> {
    for (const lead of this.linked.known()) {
      if (!this.owned(lead) || fubStageMatches(lead.fubStage, lead.stage)) continue;
      const key = `stage:${lead.id}`;
      if (!this.due(key)) continue;
      const name = fubStageNames[lead.stage];
      await this.attempt(key, lead, `Stage ${name} for ${leadDisplayName(lead)}`, async () => {
        await politely(this.deps, () => this.deps.api.updateStage(Number(lead.fubId), name));
        const saved = await (
          await this.deps.db.leads.findOne(lead.id).exec()
        )?.incrementalPatch({
          fubStage: name,
        });
        if (saved !== undefined) this.linked.wrote(saved.toMutableJSON(), lead.fubId);
      });
    }
  }

  private async note(message: Message, lead: Lead & { fubId: string }): Promise<void> {
    const personId = Number(lead.fubId);
    const { subject, body } = noteOf(message);
    await this.attempt(`message:${message.id}`, lead, subject, async () => {
      const notes =
        this.notes.get(personId) ?? (await politely(this.deps, () => this.deps.api.listNotes(personId)));
      this.notes.set(personId, notes);
      if (notes.some((n) => typeof n.body === 'string' && n.body.includes(noteMarker(message.id)))) return;
      const note = await politely(this.deps, () => this.deps.api.createNote({ personId, subject, body }));
      notes.push({ id: note.id, body });
    });
  }

  private async noteIfWanted(message: Message): Promise<void> {
    if (!wantsNote(message)) return;
    const lead = (await this.deps.db.leads.findOne(message.leadId).exec())?.toMutableJSON();
    if (this.owned(lead)) await this.note(message, lead);
  }

  private async nextMessages(cursor: { updatedAt: number; id: string }): Promise<Message[]> {
    const { db } = this.deps;
    // The rest of the cursor's own millisecond first (a bulk write shares one), then later ones.
    const same = await db.messages
      .find({
        selector: { updatedAt: cursor.updatedAt, id: { $gt: cursor.id } },
        sort: [{ id: 'asc' }],
        limit: BATCH,
      })
      .exec();
    const docs =
      same.length > 0
        ? same
        : await db.messages
            .find({
              selector: { updatedAt: { $gt: cursor.updatedAt } },
              sort: [{ updatedAt: 'asc' }, { id: 'asc' }],
              limit: BATCH,
            })
            .exec();
    return docs.map((doc) => doc.toMutableJSON());
  }

  /** Messages changed since the cursor, then earlier failures that are due again. */
  async messages(): Promise<void> {
    for (;;) {
      const batch = await this.nextMessages(this.state.messageCursor ?? { updatedAt: -1, id: '' });
      if (batch.length === 0) break;
      for (const message of batch) {
        if (this.due(`message:${message.id}`)) await this.noteIfWanted(message);
        this.state.messageCursor = { updatedAt: message.updatedAt, id: message.id };
      }
    }
    for (const key of Object.keys(this.state.failures)) {
      if (!key.startsWith('message:') || !this.due(key)) continue;
      const id = key.slice('message:'.length);
      const message = (await this.deps.db.messages.findOne(id).exec())?.toMutableJSON();
      if (message === undefined) delete this.state.failures[key];
      else await this.noteIfWanted(message);
    }
  }
}
