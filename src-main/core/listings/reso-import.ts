// Importing from the MLS's RESO Web API. Numbered as it runs:
//   R1 the query: records modified at or after the checkpoint (all of them on a full run or
//      the first one), the team's own filter joined with `and`, oldest first, Media expanded;
//   R2 each page is read and saved before the next is asked for; the checkpoint moves to the
//      newest ModificationTimestamp saved, so a run stopped by 429 or a lost network resumes
//      from there ('ge': a record on the boundary is read twice, and the second read changes
//      nothing);
//   R3 a full run then asks again, by key, for every home of ours it did not see (a home can
//      slip between $skip pages when another leaves the feed meanwhile): one found is saved,
//      one the feed no longer has is marked off the feed, never deleted;
//   R4 a status change (Withdrawn, Pending, Closed) arrives as a modified record and updates
//      the home: matches and sends leave it out from then on.
import { RESO_FACT_FIELDS } from '../../../src-shared/domain';
import type { ListingImportReport } from '../../../src-shared/ipc/listings';
import type { CoreContext } from '../context';
import type { ResoFeed, ResoQuery } from '../ports/reso-feed';
import type { ListingFacts } from './listing-fields';
import { publicUrlFor, readListingFacts } from './listing-fields';
import { emptyCounts, isFirstImport, markLeftFeed, saveListingFacts } from './listing-store';
import { readResoSettings, readResoState, writeResoState } from './reso-settings';

export const RESO_SELECT = [
  'ListingKey',
  ...RESO_FACT_FIELDS,
  'ModificationTimestamp',
  'OnMarketDate',
  'PriceChangeTimestamp',
] as const;

const VERIFY_BATCH = 40;
const MAX_PROBLEMS = 50;

function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function checkpointFilter(checkpoint: number | null, teamFilter: string): string {
  const parts = [
    ...(checkpoint === null ? [] : [`ModificationTimestamp ge ${new Date(checkpoint).toISOString()}`]),
    ...(teamFilter === '' ? [] : [`(${teamFilter})`]),
  ];
  return parts.join(' and ');
}

export async function importFromReso(
  ctx: CoreContext,
  feed: ResoFeed,
  options: { full: boolean },
): Promise<ListingImportReport> {
  const settings = await readResoSettings(ctx);
  const state = await readResoState(ctx);
  const full = options.full || state.checkpoint === null;
  const firstImport = await isFirstImport(ctx, 'reso');
  const counts = emptyCounts();
  const problems: string[] = [];
  const seen = new Set<string>();
  let checkpoint = full ? null : state.checkpoint;
  let newest = state.checkpoint ?? 0;
  let recordNumber = 0;

  const query = (filter: string): ResoQuery => ({
    filter,
    select: RESO_SELECT,
    expandMedia: true,
    pageSize: settings.pageSize,
    orderBy: 'ModificationTimestamp asc,ListingKey asc',
  });
  const readPage = (records: unknown[]): ListingFacts[] => {
    const batch: ListingFacts[] = [];
    for (const record of records) {
      recordNumber += 1;
      const read = readListingFacts(
        typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : {},
        `Record ${String(recordNumber)}`,
      );
      if (!read.ok) {
        if (problems.length < MAX_PROBLEMS) problems.push(read.reason);
        continue;
      }
      const facts = read.facts;
      if (facts.publicUrl === undefined) {
        const url = publicUrlFor(settings.publicUrlTemplate, facts);
        if (url !== undefined) facts.publicUrl = url;
      }
      seen.add(facts.ListingKey);
      newest = Math.max(newest, facts.ModificationTimestamp);
      batch.push(facts);
    }
    return batch;
  };

  try {
    // R1, R2
    for await (const page of feed.pages(query(checkpointFilter(checkpoint, settings.filter)))) {
      await saveListingFacts(ctx, 'reso', readPage(page.records), counts, firstImport);
      if (!full) {
        checkpoint = newest;
        await writeResoState(ctx, { ...state, checkpoint, lastError: null, lastErrorAt: null });
      }
    }
    // R3
    if (full) {
      const ours = await ctx.db.listings.find({ selector: { feed: 'reso' } }).exec();
      const unseen = ours.filter((doc) => !seen.has(doc.ListingKey) && doc.leftFeedAt === undefined);
      for (let at = 0; at < unseen.length; at += VERIFY_BATCH) {
        const keys = unseen.slice(at, at + VERIFY_BATCH).map((doc) => doc.ListingKey);
        const byKey = keys.map((key) => `ListingKey eq ${odataString(key)}`).join(' or ');
        const filter = settings.filter === '' ? byKey : `(${byKey}) and (${settings.filter})`;
        for await (const page of feed.pages(query(filter)))
          await saveListingFacts(ctx, 'reso', readPage(page.records), counts, firstImport);
        const gone = unseen.slice(at, at + VERIFY_BATCH).filter((doc) => !seen.has(doc.ListingKey));
        await markLeftFeed(
          ctx,
          gone.map((doc) => doc.id),
          counts,
        );
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await writeResoState(ctx, {
      ...state,
      checkpoint: full ? state.checkpoint : checkpoint,
      lastError: message,
      lastErrorAt: ctx.clock.now(),
    });
    throw error;
  }
  const report: ListingImportReport = {
    source: 'reso',
    full,
    ...counts,
    problems,
    finishedAt: ctx.clock.now(),
  };
  await writeResoState(ctx, {
    checkpoint: newest === 0 ? null : newest,
    lastRun: report,
    lastError: null,
    lastErrorAt: null,
  });
  return report;
}
