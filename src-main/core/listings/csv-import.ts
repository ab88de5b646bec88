// Importing homes from an IDX or MLS CSV export, with the leads importer's machinery: the text
// is staged as a file in the workspace and read by csv-parse in groups (quoted cells, line
// breaks inside cells, the delimiter sniffed), headers made unique, and each column mapped to a
// RESO field by its header, loosely compared ("List Price", "list_price", "LISTPRICE").
// A row that cannot be a home is reported by its spreadsheet row number and skipped; the rest
// are saved. Homes missing from a later file are not dropped: a CSV is often a partial export.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ListingCsvField,
  ListingCsvMapping,
  ListingCsvPreview,
  ListingImportReport,
} from '../../../src-shared/ipc/listings';
import { listingCsvFields } from '../../../src-shared/ipc/listings';
import { headerKey } from '../../../src-shared/imports/detect-mapping';
import type { CoreContext } from '../context';
import { detectDelimiter } from '../imports/file-format';
import { readRowGroups } from '../imports/read-rows';
import type { ListingFacts } from './listing-fields';
import { readListingFacts } from './listing-fields';
import { emptyCounts, isFirstImport, saveListingFacts } from './listing-store';

const synonyms = new Map<string, ListingCsvField>();
function synonym(field: ListingCsvField, ...headers: string[]): void {
  for (const header of [field, ...headers]) synonyms.set(headerKey(header), field);
}
synonym('ListingKey', 'listing key', 'key', 'mls key', 'listing uid');
synonym('ListingId', 'mls', 'mls #', 'mls number', 'mls id', 'listing id', 'listing number');
synonym('StandardStatus', 'status', 'listing status', 'mls status');
synonym('ListPrice', 'price', 'list price', 'asking price', 'current price');
synonym('OriginalListPrice', 'original price', 'original list price');
synonym('BedroomsTotal', 'beds', 'bedrooms', 'br', 'bd', 'total bedrooms');
synonym('BathroomsTotalInteger', 'baths', 'bathrooms', 'ba', 'total baths', 'bathrooms total');
synonym('LivingArea', 'sqft', 'square feet', 'living area', 'size');
synonym('PropertyType', 'property type', 'type');
synonym('PropertySubType', 'property sub type', 'subtype', 'style', 'home type');
synonym('UnparsedAddress', 'address', 'street address', 'full address', 'street');
synonym('City', 'city', 'town');
synonym('StateOrProvince', 'state', 'province', 'st');
synonym('PostalCode', 'zip', 'zip code', 'zipcode', 'postal code', 'postcode');
synonym('Latitude', 'lat', 'latitude');
synonym('Longitude', 'lng', 'lon', 'long', 'longitude');
synonym('photos', 'photo', 'photo url', 'image', 'image url', 'photos', 'picture');
synonym('publicUrl', 'url', 'link', 'listing url', 'detail url', 'virtual tour url', 'web address');
synonym('ModificationTimestamp', 'modified', 'last modified', 'modification timestamp', 'updated');
synonym('OnMarketDate', 'list date', 'listed', 'on market date', 'listing date');

export const REQUIRED_CSV_FIELDS: readonly ListingCsvField[] = ['ListingKey', 'ListPrice', 'StandardStatus'];

export function detectListingMapping(headers: readonly string[]): ListingCsvMapping {
  const mapping: ListingCsvMapping = {};
  const used = new Set<ListingCsvField>();
  for (const header of headers) {
    const field = synonyms.get(headerKey(header));
    mapping[header] = field === undefined || used.has(field) ? 'ignore' : field;
    if (field !== undefined) used.add(field);
  }
  return mapping;
}

async function staged<T>(ctx: CoreContext, text: string, work: (path: string) => Promise<T>): Promise<T> {
  const folder = join(ctx.dataDir === '(memory)' ? tmpdir() : ctx.dataDir, 'imports');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, `listings-${randomUUID()}.csv`);
  await writeFile(path, text, { mode: 0o600 });
  try {
    return await work(path);
  } finally {
    await rm(path, { force: true });
  }
}

export async function previewListingCsv(ctx: CoreContext, text: string): Promise<ListingCsvPreview> {
  return staged(ctx, text, async (path) => {
    const delimiter = detectDelimiter(text.slice(0, 65_536));
    for await (const group of readRowGroups(path, { encoding: 'utf-8', delimiter, groupSize: 5, limit: 5 })) {
      const mapping = detectListingMapping(group.headers);
      const mapped = new Set(Object.values(mapping));
      return {
        headers: group.headers,
        mapping,
        rows: group.rows.map((row) => group.headers.map((header) => row.cells.get(header) ?? '')),
        missing: REQUIRED_CSV_FIELDS.filter((field) => !mapped.has(field)),
      };
    }
    return { headers: [], mapping: {}, rows: [], missing: [...REQUIRED_CSV_FIELDS] };
  });
}

export async function importListingCsv(
  ctx: CoreContext,
  text: string,
  given?: ListingCsvMapping,
): Promise<ListingImportReport> {
  return staged(ctx, text, async (path) => {
    const counts = emptyCounts();
    const problems: string[] = [];
    const firstImport = await isFirstImport(ctx, 'csv');
    const delimiter = detectDelimiter(text.slice(0, 65_536));
    for await (const group of readRowGroups(path, { encoding: 'utf-8', delimiter, groupSize: 500 })) {
      const mapping = given ?? detectListingMapping(group.headers);
      const batch: ListingFacts[] = [];
      for (const row of group.rows) {
        const record: Record<string, unknown> = {};
        for (const [header, field] of Object.entries(mapping)) {
          if (field === 'ignore' || !listingCsvFields.includes(field)) continue;
          const cell = row.cells.get(header);
          if (cell === undefined || cell.trim() === '') continue;
          record[field] =
            field === 'photos'
              ? cell
                  .split(/[\s|;]+/)
                  .filter((url) => /^https?:\/\//i.test(url))
                  .map((url) => ({ url }))
              : cell;
        }
        const read = readListingFacts(record, `Row ${String(row.row)}`);
        if (read.ok) batch.push(read.facts);
        else if (problems.length < 50) problems.push(read.reason);
      }
      await saveListingFacts(ctx, 'csv', batch, counts, firstImport);
    }
    return { source: 'csv', full: false, ...counts, problems, finishedAt: ctx.clock.now() };
  });
}
