// Every group of live leads that look like one person: leads sharing an email or a phone, with
// chains joined (A shares an email with B, B a phone with C: one group of three). One pass over
// the live leads; groups are returned largest first, each oldest lead first.
import type { Lead } from '../../../src-shared/domain';
import type { DuplicateGroup } from '../../../src-shared/ipc/leads';
import type { PorchlightDatabase } from '../store/collections';

function makeUnion(size: number) {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  return {
    find,
    join(a: number, b: number): void {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

export function groupDuplicates(leads: readonly Lead[]): DuplicateGroup[] {
  const union = makeUnion(leads.length);
  const firstWith = new Map<string, number>();
  const sharedKeys = new Set<string>();
  leads.forEach((lead, i) => {
    for (const [field, value] of [
      ['email', lead.email],
      ['phone', lead.phone],
    ] as const) {
      if (value === undefined || value === '') continue;
      const key = `${field}\u0000${value}`;
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, i);
      else {
        union.join(first, i);
        sharedKeys.add(key);
      }
    }
  });
  const groups = new Map<number, DuplicateGroup>();
  for (const key of sharedKeys) {
    const root = union.find(firstWith.get(key) ?? 0);
    const [field, value] = key.split('\u0000') as ['email' | 'phone', string];
    const group = groups.get(root) ?? { shared: [], leads: [] };
    group.shared.push({ field, value });
    groups.set(root, group);
  }
  leads.forEach((lead, i) => groups.get(union.find(i))?.leads.push(lead));
  for (const group of groups.values())
    group.leads.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return [...groups.values()].sort(
    (a, b) => b.leads.length - a.leads.length || (a.leads[0]?.createdAt ?? 0) - (b.leads[0]?.createdAt ?? 0),
  );
}

export async function findDuplicateGroups(db: PorchlightDatabase, limit: number): Promise<DuplicateGroup[]> {
  const docs = await db.leads.find({ selector: { deletedAt: 0 } }).exec();
  return groupDuplicates(docs.map((doc) => doc.toMutableJSON())).slice(0, limit);
}
