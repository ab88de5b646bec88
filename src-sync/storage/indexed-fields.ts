// The document fields the server looks documents up by on a hot path, indexed in both backends
// so a look-up reads the matching rows instead of every document of the collection (decision
// 0463): a new lead's email and phone (intake's dedupe, once per post), a recipient's address
// in the replicated suppressions (once per claim), a message's provider id (once per Twilio
// status callback) and a lead's history (escalation, erasure, its owner's change). Any other field is still found,
// by reading the collection's documents.
export const INDEXED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  leads: ['email', 'phone'],
  suppressions: ['address', 'leadId'],
  messages: ['leadId', 'providerId'],
  // A lead's history follows its owner (team/history-follows-owner.ts) on every lead change.
  tasks: ['leadId'],
  enrollments: ['leadId'],
};

/** Whether findByField answers (collection, field) from an index. */
export function isIndexedField(collection: string, field: string): boolean {
  return Object.hasOwn(INDEXED_FIELDS, collection) && (INDEXED_FIELDS[collection]?.includes(field) ?? false);
}

/** Every indexed (collection, field), with the index's name. Names and fields are fixed words. */
export function indexedFields(): { collection: string; field: string; name: string }[] {
  return Object.entries(INDEXED_FIELDS).flatMap(([collection, fields]) =>
    fields.map((field) => ({ collection, field, name: `documents_${collection}_${field}`.toLowerCase() })),
  );
}
