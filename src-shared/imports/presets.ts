// The exports we recognise, by their column headers as those products write them (from their
// public help pages and sample files, as best known; docs/imports.md lists them). A preset is
// detected by how many of its distinctive headers a file has; its `columns` map those headers,
// and any other header goes through the generic synonyms in detect-mapping.ts.
import type { LeadSource } from '../domain';
import type { ImportTarget } from './fields';

export const importPresets = ['follow_up_boss', 'zillow', 'kvcore', 'realtor_com', 'generic'] as const;
export type ImportPreset = (typeof importPresets)[number];

export interface PresetDefinition {
  label: string;
  /** The source an imported lead gets when the file has no source column (or it is empty). */
  defaultSource: LeadSource;
  /** Header (as written by the product) -> target. */
  columns: Readonly<Record<string, ImportTarget>>;
  /** Headers that, together, only this product writes. */
  signature: readonly string[];
}

export const presetDefinitions: Record<ImportPreset, PresetDefinition> = {
  follow_up_boss: {
    label: 'Follow Up Boss',
    defaultSource: 'follow_up_boss',
    columns: {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Stage: 'stage',
      Source: 'source',
      'Lead Type': 'intent',
      'Email 1': 'email',
      'Phone 1': 'phone',
      'Address 1 - Street': 'street',
      'Address 1 - City': 'city',
      'Address 1 - State': 'state',
      'Address 1 - Zip': 'zip',
      Tags: 'tags',
      Background: 'notes',
      Price: 'price',
      Created: 'createdAt',
    },
    signature: ['Email 1', 'Phone 1', 'Address 1 - Street', 'Background', 'Assigned To', 'Stage'],
  },
  zillow: {
    label: 'Zillow Premier Agent',
    defaultSource: 'zillow',
    columns: {
      'Contact Name': 'fullName',
      'Email Address': 'email',
      'Phone Number': 'phone',
      'Contact Type': 'intent',
      Status: 'stage',
      'Property Address': 'propertyAddress',
      'Date Added': 'createdAt',
      'Price Range': 'price',
      Notes: 'notes',
    },
    signature: ['Contact Name', 'Email Address', 'Phone Number', 'Contact Type', 'Date Added'],
  },
  kvcore: {
    label: 'kvCORE',
    defaultSource: 'other',
    columns: {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Primary Email': 'email',
      'Primary Phone': 'phone',
      'Lead Status': 'stage',
      'Lead Source': 'source',
      'Deal Type': 'intent',
      Hashtags: 'tags',
      Address: 'street',
      City: 'city',
      State: 'state',
      Zip: 'zip',
      'Price Min': 'priceMin',
      'Price Max': 'priceMax',
      'Date Created': 'createdAt',
      Notes: 'notes',
    },
    signature: ['Primary Email', 'Primary Phone', 'Lead Status', 'Deal Type', 'Hashtags'],
  },
  realtor_com: {
    label: 'Realtor.com',
    defaultSource: 'realtor_com',
    columns: {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      Phone: 'phone',
      'Lead Type': 'intent',
      'Property Address': 'propertyAddress',
      'Property City': 'city',
      'Property State': 'state',
      'Property Zip': 'zip',
      'List Price': 'price',
      'Received Date': 'createdAt',
      Comments: 'notes',
    },
    signature: ['Property City', 'Property Zip', 'List Price', 'Received Date', 'Comments'],
  },
  generic: {
    label: 'Spreadsheet',
    defaultSource: 'import',
    columns: {},
    signature: [],
  },
};
