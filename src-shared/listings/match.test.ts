import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Listing } from '../domain';
import { ListingIndex } from './match-index';
import type { MatchCriteria } from './match';
import { criteriaOf, passesFilters, rankMatches } from './match';
import type { LeadHomePreferences } from './preferences';
import { BENCH_CITIES, L0, listingBook, makeListing } from './test-fixtures';

const DAY = 86_400_000;
const book = listingBook(600, 11);

function prefs(
  fields: Partial<{
    cities: string[];
    zips: string[];
    min: number;
    max: number;
    beds: number;
    baths: number;
    types: LeadHomePreferences['types'];
  }>,
): LeadHomePreferences {
  const agent = (value: unknown) => ({ value, source: 'agent' as const, evidence: 'test' });
  return {
    areas:
      fields.cities === undefined && fields.zips === undefined
        ? null
        : (agent({ cities: fields.cities ?? [], zips: fields.zips ?? [] }) as LeadHomePreferences['areas']),
    price:
      fields.min === undefined && fields.max === undefined
        ? null
        : (agent({ min: fields.min, max: fields.max }) as LeadHomePreferences['price']),
    bedsMin: fields.beds === undefined ? null : (agent(fields.beds) as LeadHomePreferences['bedsMin']),
    bathsMin: fields.baths === undefined ? null : (agent(fields.baths) as LeadHomePreferences['bathsMin']),
    types: fields.types ?? null,
  };
}

const preferenceArb = fc.record(
  {
    cities: fc.subarray(BENCH_CITIES, { maxLength: 3 }),
    min: fc.integer({ min: 100, max: 900 }).map((k) => k * 1000),
    span: fc.integer({ min: 10, max: 600 }).map((k) => k * 1000),
    beds: fc.integer({ min: 1, max: 5 }),
    baths: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: ['min', 'span'] },
);

const ids = (matches: { listing: Listing }[]) => new Set(matches.map((m) => m.listing.id));

describe('matching homes to a lead', () => {
  it('M2: a home outside the price band never matches', () => {
    fc.assert(
      fc.property(preferenceArb, (p) => {
        const criteria = criteriaOf(prefs({ ...p, max: p.min + p.span }));
        for (const match of rankMatches(criteria, book, L0, new Set(), 1000)) {
          expect(match.listing.ListPrice).toBeGreaterThanOrEqual(p.min);
          expect(match.listing.ListPrice).toBeLessThanOrEqual(p.min + p.span);
        }
      }),
    );
  });

  it('a tighter preference never adds a match', () => {
    fc.assert(
      fc.property(
        preferenceArb,
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 2 }),
        (p, squeeze, moreBeds) => {
          const loose = criteriaOf(prefs({ ...p, max: p.min + p.span }));
          const tight = criteriaOf(
            prefs({
              ...p,
              cities: p.cities === undefined ? [BENCH_CITIES[0] as string] : p.cities.slice(0, 1),
              min: p.min + Math.min(squeeze, p.span),
              max: p.min + p.span,
              beds: (p.beds ?? 0) + moreBeds,
            }),
          );
          const looseIds = ids(rankMatches(loose, book, L0, new Set(), 10_000));
          for (const id of ids(rankMatches(tight, book, L0, new Set(), 10_000)))
            expect(looseIds.has(id)).toBe(true);
        },
      ),
    );
  });

  it('the index finds exactly what a scan of every listing finds, before and after an update', () => {
    const index = new ListingIndex(book);
    const changed = book.slice(0, 80).map((listing, i) =>
      i % 3 === 0
        ? { ...listing, StandardStatus: 'Withdrawn' as const }
        : {
            ...listing,
            PreviousListPrice: listing.ListPrice,
            ListPrice: listing.ListPrice - 20_000,
            PriceChangeTimestamp: L0 - DAY,
          },
    );
    const after = [...changed, ...book.slice(80)];
    fc.assert(
      fc.property(preferenceArb, fc.boolean(), (p, useZip) => {
        const base = { ...p, max: p.min + p.span };
        const withZip = useZip ? { ...base, zips: ['55305'] } : base;
        const criteria = criteriaOf(prefs(withZip));
        expect(index.matchesFor(criteria, L0, new Set(), 8)).toEqual(
          rankMatches(criteria, book, L0, new Set(), 8),
        );
      }),
      { numRuns: 60 },
    );
    index.update(changed);
    fc.assert(
      fc.property(preferenceArb, (p) => {
        const criteria = criteriaOf(prefs({ ...p, max: p.min + p.span }));
        expect(index.matchesFor(criteria, L0, new Set(), 8)).toEqual(
          rankMatches(criteria, after, L0, new Set(), 8),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('the index gives what a scan gives at any moment: within a day of its tiers, days later, or earlier', () => {
    // New homes and price cuts age out of their bonus as time passes; the tiers must follow.
    const fresh = book.map((listing, i) =>
      i % 4 === 0
        ? { ...listing, listedAt: L0 + ((i % 9) - 6) * DAY, photos: i % 8 === 0 ? [] : listing.photos }
        : listing,
    );
    const index = new ListingIndex(fresh, L0);
    const offsets = [0, 0.5 * DAY, 0.99 * DAY, 3 * DAY, 8 * DAY, 31 * DAY, -2 * DAY];
    fc.assert(
      fc.property(preferenceArb, fc.constantFrom(...offsets), fc.boolean(), (p, offset, budgetOnly) => {
        const base = { ...p, max: p.min + p.span };
        const { cities: _cities, ...noArea } = base;
        const criteria = criteriaOf(prefs(budgetOnly ? noArea : base));
        const now = L0 + offset;
        expect(index.matchesFor(criteria, now, new Set(), 6)).toEqual(
          rankMatches(criteria, fresh, now, new Set(), 6),
        );
      }),
      { numRuns: 120 },
    );
  });

  it('M1, M3, M4: only homes for sale, only for a lead who said where or how much, never one already sent', () => {
    const home = makeListing({ ListingKey: 'A' });
    const withdrawn = makeListing({ ListingKey: 'W', StandardStatus: 'Withdrawn' });
    const gone = makeListing({ ListingKey: 'G', leftFeedAt: L0 - DAY });
    const criteria = criteriaOf(prefs({ cities: ['maple grove'], max: 450_000 }));
    expect(
      rankMatches(criteria, [home, withdrawn, gone], L0, new Set(), 5).map((m) => m.listing.ListingKey),
    ).toEqual(['A']);
    expect(rankMatches(criteria, [home], L0, new Set([home.id]), 5)).toEqual([]);
    expect(rankMatches(criteriaOf(prefs({ beds: 3 })), [home], L0, new Set(), 5)).toEqual([]);
  });

  it('M5: says why in words, and ranks a new home and a price cut first', () => {
    const plain = makeListing({ ListingKey: 'P', ListPrice: 440_000 });
    const fresh = makeListing({ ListingKey: 'N', ListPrice: 400_000, listedAt: L0 - 2 * DAY });
    const cut = makeListing({
      ListingKey: 'C',
      ListPrice: 420_000,
      PreviousListPrice: 435_000,
      PriceChangeTimestamp: L0 - DAY,
    });
    const criteria = criteriaOf(prefs({ cities: ['Maple Grove'], min: 350_000, max: 450_000, beds: 3 }));
    const matches = rankMatches(criteria, [plain, fresh, cut], L0, new Set(), 5);
    expect(matches.map((m) => m.listing.ListingKey)).toEqual(['N', 'C', 'P']);
    expect(matches[0]?.reasons).toEqual([
      'in budget ($350k–$450k)',
      'in Maple Grove',
      '3 beds',
      'new this week',
    ]);
    expect(matches[1]?.reasons).toContain('price cut $15k');
  });

  it('reads a condo preference against RESO subtypes', () => {
    const criteria: MatchCriteria = criteriaOf(
      prefs({ max: 900_000, types: { value: ['condo'], source: 'inquiry', evidence: 'condo' } }),
    );
    expect(passesFilters(criteria, makeListing({ PropertySubType: 'Condominium' }))).toBe(true);
    expect(passesFilters(criteria, makeListing({ PropertySubType: 'SingleFamilyResidence' }))).toBe(false);
  });
});
