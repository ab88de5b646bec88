// The leads linked to Follow Up Boss people, shared by the steps of one run (stage write-back,
// polling, webhook events): each step that writes a linked lead puts the written lead back
// here, so a later step of the same run reads what the store now holds (write-back's new
// fubStage before polling compares stages). A full run reads them all once; a run that only
// reads webhook events looks a person's lead up by its usual id (`fub-<person id>`) and reads
// them all only when that misses (a person merged into a lead that was there before).
// A person linked to a lead of another id is remembered (person id -> lead id, in the work
// state) even after the lead left this replica for a teammate, so it is not made again.
import type { Lead } from '../../../src-shared/domain';
import type { PorchlightDatabase } from '../store/collections';
import { fubLeadId } from './person-lead';

export class LinkedLeads {
  private readonly byPerson = new Map<string, Lead>();
  private complete = false;

  private constructor(
    private readonly db: PorchlightDatabase,
    /** Person id -> lead id, for leads whose id is not `fub-<person id>` (the work state's). */
    readonly personLeads: Record<string, string>,
  ) {}

  /** Every linked lead, read now (a full run: write-back walks them all). */
  static async read(db: PorchlightDatabase, personLeads: Record<string, string> = {}): Promise<LinkedLeads> {
    const linked = new LinkedLeads(db, personLeads);
    await linked.readAll();
    return linked;
  }

  /** Leads read as people are named (a run that only reads webhook events). */
  static onDemand(db: PorchlightDatabase, personLeads: Record<string, string> = {}): LinkedLeads {
    return new LinkedLeads(db, personLeads);
  }

  private async readAll(): Promise<void> {
    const docs = await this.db.leads.find({ selector: { fubId: { $exists: true } } }).exec();
    for (const doc of docs) {
      const lead = doc.toMutableJSON();
      if (!this.byPerson.has(lead.fubId ?? '')) this.byPerson.set(lead.fubId ?? '', lead);
      this.remember(lead);
    }
    this.complete = true;
  }

  private remember(lead: Lead): void {
    if (lead.fubId === undefined || lead.deletedAt !== 0) return;
    if (lead.id !== fubLeadId(Number(lead.fubId))) this.personLeads[lead.fubId] = lead.id;
  }

  /** The leads a person may have had here: its usual id, and the lead it was merged into. */
  leadIdsOf(personId: string, usual: string): string[] {
    const merged = this.personLeads[personId];
    return merged === undefined || merged === usual ? [usual] : [usual, merged];
  }

  async get(personId: string | undefined): Promise<Lead | undefined> {
    if (personId === undefined) return undefined;
    const known = this.byPerson.get(personId);
    if (known !== undefined || this.complete) return known;
    const usual = (await this.db.leads.findOne(fubLeadId(Number(personId))).exec())?.toMutableJSON();
    if (usual?.fubId === personId) {
      this.byPerson.set(personId, usual);
      this.remember(usual);
      return usual;
    }
    await this.readAll();
    return this.byPerson.get(personId);
  }

  /** The lead as written to the store (a lead whose link was removed leaves the map). */
  wrote(lead: Lead, personId: string | undefined = lead.fubId): void {
    if (personId === undefined) return;
    if (lead.fubId === personId) {
      this.byPerson.set(personId, lead);
      this.remember(lead);
    } else {
      this.byPerson.delete(personId);
      if (this.personLeads[personId] === lead.id) delete this.personLeads[personId];
    }
  }

  /** The linked leads known so far (all of them after `read`). */
  known(): Lead[] {
    return [...this.byPerson.values()];
  }
}
