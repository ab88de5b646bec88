import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectMapping, detectPreset, mappingConflicts, mappingProblem } from './detect-mapping';
import { importTargets, singleColumnTargets } from './fields';
import { presetDefinitions, importPresets } from './presets';

const fubHeaders = [
  'ID',
  'First Name',
  'Last Name',
  'Stage',
  'Source',
  'Assigned To',
  'Email 1',
  'Email 2',
  'Phone 1',
  'Phone 2',
  'Address 1 - Street',
  'Address 1 - City',
  'Address 1 - State',
  'Address 1 - Zip',
  'Tags',
  'Background',
  'Created',
];
const zillowHeaders = [
  'Contact Name',
  'Email Address',
  'Phone Number',
  'Contact Type',
  'Status',
  'Property Address',
  'Date Added',
  'Notes',
];
const kvcoreHeaders = [
  'First Name',
  'Last Name',
  'Primary Email',
  'Primary Phone',
  'Lead Status',
  'Lead Source',
  'Deal Type',
  'Hashtags',
  'Price Min',
  'Price Max',
];
const realtorHeaders = [
  'First Name',
  'Last Name',
  'Email',
  'Phone',
  'Property Address',
  'Property City',
  'Property State',
  'Property Zip',
  'List Price',
  'Received Date',
  'Comments',
];

describe('preset detection', () => {
  it.each([
    ['follow_up_boss', fubHeaders],
    ['zillow', zillowHeaders],
    ['kvcore', kvcoreHeaders],
    ['realtor_com', realtorHeaders],
    ['generic', ['Name', 'E-mail', 'Cell', 'Notes']],
  ] as const)('recognises a %s export by its headers', (preset, headers) => {
    expect(detectPreset(headers)).toBe(preset);
  });

  it('maps every header a preset names to that preset’s target', () => {
    for (const preset of importPresets) {
      const columns = presetDefinitions[preset].columns;
      const mapping = detectMapping(Object.keys(columns), preset);
      for (const [header, target] of Object.entries(columns)) {
        if (target === 'fullName' && Object.values(columns).includes('firstName')) continue;
        expect(mapping[header], `${preset}: ${header}`).toBe(target);
      }
    }
  });
});

describe('column mapping', () => {
  it('reads a generic sheet loosely and keeps only the first of two email columns', () => {
    const mapping = detectMapping(
      ['Full name', 'E-Mail', 'email address', 'Mobile', 'ZIP code', 'Misc'],
      'generic',
    );
    expect(mapping).toEqual({
      'Full name': 'fullName',
      'E-Mail': 'email',
      'email address': 'ignore',
      Mobile: 'phone',
      'ZIP code': 'zip',
      Misc: 'ignore',
    });
    expect(mappingProblem(mapping)).toBeUndefined();
  });

  it('says what is missing when nothing identifies a lead', () => {
    expect(mappingProblem({ City: 'city', Notes: 'notes' })).toMatch(/name, the email or the phone/);
    expect(mappingConflicts({ A: 'email', B: 'email', C: 'notes', D: 'notes' })).toEqual([
      '"A" and "B" both fill email',
    ]);
  });

  it('never maps one single-column target from two columns, whatever the headers', () => {
    const header = fc.oneof(
      fc.constantFrom(
        'Email',
        'email',
        'E-mail',
        'Phone',
        'Phone 1',
        'First Name',
        'Name',
        'Notes',
        'Tags',
        'Zip',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(header, { maxLength: 20 }),
        fc.constantFrom(...importPresets),
        (headers, preset) => {
          const mapping = detectMapping(headers, preset);
          expect(Object.keys(mapping).sort()).toEqual([...headers].sort());
          expect(mappingConflicts(mapping)).toEqual([]);
          for (const target of Object.values(mapping)) expect(importTargets).toContain(target);
          expect(singleColumnTargets.has('ignore')).toBe(false);
        },
      ),
    );
  });
});
