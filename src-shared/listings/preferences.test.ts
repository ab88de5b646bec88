import { describe, expect, it } from 'vitest';
import { makeLead } from '../scoring/test-fixtures';
import { readHomePreferences } from './preferences';

describe('a lead’s home preferences, with where each came from', () => {
  it('reads the inquiry: areas, budget, beds, baths and type', () => {
    const prefs = readHomePreferences({
      lead: makeLead(),
      inquiry: ['Hi, looking for a 3 bed 2 bath condo in Maple Grove or 55369, up to $450k'],
      knownCities: ['Maple Grove'],
    });
    expect(prefs.areas).toMatchObject({
      value: { cities: ['Maple Grove'], zips: ['55369'] },
      source: 'inquiry',
    });
    expect(prefs.price).toMatchObject({ value: { max: 450_000 }, source: 'inquiry' });
    expect(prefs.bedsMin).toMatchObject({ value: 3, source: 'inquiry' });
    expect(prefs.bathsMin).toMatchObject({ value: 2, source: 'inquiry' });
    expect(prefs.types).toMatchObject({ value: ['condo'], source: 'inquiry' });
  });

  it('the agent’s setting wins; the form’s price band beats the words; notes fill what the inquiry left', () => {
    const prefs = readHomePreferences({
      lead: makeLead({
        priceMin: 300_000,
        priceMax: 400_000,
        notes: 'Wants 4 bedrooms',
        homePreferences: { cities: ['Plymouth'] },
      }),
      inquiry: ['Homes in Edina under $900k'],
    });
    expect(prefs.areas).toMatchObject({ value: { cities: ['Plymouth'], zips: [] }, source: 'agent' });
    expect(prefs.price).toMatchObject({ value: { min: 300_000, max: 400_000 }, source: 'form' });
    expect(prefs.bedsMin).toMatchObject({ value: 4, source: 'notes' });
    expect(prefs.bathsMin).toBeNull();
  });

  it('takes the AI reading last, and a price is never read as a ZIP', () => {
    const prefs = readHomePreferences({
      lead: makeLead(),
      inquiry: ['budget is $45000 and we like 55311'],
      ai: { seriousness: 0.5, propertyType: 'townhouse', evidence: ['townhome'] },
    });
    expect(prefs.areas?.value.zips).toEqual(['55311']);
    expect(prefs.types).toMatchObject({ value: ['townhouse'], source: 'ai' });
  });
});
