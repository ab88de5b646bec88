// The leads linked to Follow Up Boss people, shared by the steps of one run (stage write-back,
// polling, webhook events): each step that writes a linked lead puts the written lead back
// here, so a later step of the same run reads what the store now holds (write-back's new
// fubStage before polling compares stages). A full run reads them all once; a run that only
// reads webhook events looks a person's lead up by its usual id (`fub-<person id>`) and reads
// them all only when that misses (a person merged into a lead that was there before).
import type { Lead } from '../../../src-shared/domain';
import type { PorchlightDatabase } from '../store/collections';
import { fubLeadId } from './person-lead';

export class LinkedLeads {
  private readonly byPerson = new Map<string, Lead>();
  private complete = false;

  private constructor(private readonly db: PorchlightDatabase) {}

  /** Every linked lead, read now (a full run: write-back walks them all). */
  static async read(db: PorchlightDatabase): Promise<LinkedLeads> {
    const linked = new LinkedLeads(db);
    await linked.readAll();
    return linked;
  }

  /** Leads read as people are named (a run that only reads webhook events). */
  static onDemand(db: PorchlightDatabase): LinkedLeads {
    return new LinkedLeads(db);
  }

  private async readAll(): Promise<void> {
    const docs = await this.db.leads.find({ selector: { fubId: { $exists: true } } }).exec();
    for (const doc of docs)
      if (!this.byPerson.has(doc.fubId ?? '')) this.byPerson.set(doc.fubId ?? '', doc.toMutableJSON());
    this.complete = true;
  }

  async get(personId: string | undefined): Promise<Lead | undefined> {
    if (personId === undefined) return undefined;
    const known = this.byPerson.get(personId);
    if (known !== undefined || this.complete) return known;
    const usual = (await this.db.leads.findOne(fubLeadId(Number(personId))).exec())?.toMutableJSON();
    if (usual?.fubId === personId) {
      this.byPerson.set(personId, usual);
      return usual;
    }
    await this.readAll();
    return this.byPerson.get(personId);
  }

  /** The lead as written to the store (a lead whose link was removed leaves the map). */
  wrote(lead: Lead, personId: string | undefined = lead.fubId): void {
    if (personId === undefined) return;
    if (lead.fubId === personId) this.byPerson.set(personId, lead);
    else this.byPerson.delete(personId);
  }

  /** The linked leads known so far (all of them after `read`). */
  known(): Lead[] {
    return [...this.byPerson.values()];
  }
}
