// What a CSV column can become on a lead. `ignore` drops the column; `fullName` is split into
// first and last name; `price` takes one price or a range ("$400k-500k") for both bounds.
export const importTargets = [
  'ignore',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'street',
  'city',
  'state',
  'zip',
  'stage',
  'source',
  'intent',
  'tags',
  'price',
  'priceMin',
  'priceMax',
  'propertyAddress',
  'notes',
  'createdAt',
] as const;
export type ImportTarget = (typeof importTargets)[number];

export const importTargetLabels: Record<ImportTarget, string> = {
  ignore: 'Do not import',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  email: 'Email',
  phone: 'Phone',
  street: 'Street',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  stage: 'Stage',
  source: 'Source',
  intent: 'Buyer / seller',
  tags: 'Tags',
  price: 'Price or range',
  priceMin: 'Price from',
  priceMax: 'Price to',
  propertyAddress: 'Property of interest',
  notes: 'Notes',
  createdAt: 'Date added',
};

/** Column header -> target. Columns not named map to `ignore`. */
export type ColumnMapping = Record<string, ImportTarget>;

/** Targets that only one column may fill (notes and tags join several columns). */
export const singleColumnTargets: ReadonlySet<ImportTarget> = new Set(
  importTargets.filter((t) => t !== 'ignore' && t !== 'notes' && t !== 'tags'),
);
