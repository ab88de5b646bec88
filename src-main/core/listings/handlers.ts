// The listings feature's handlers: the MLS connection and its secrets, importing from the RESO
// Web API (by hand or on the timer) or a CSV/IDX export, the import interval and the team's
// property-alert window, a lead's matches and preferences, and sending one home.
import type { HomePreferences, Lead } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { LeadMatches, ListingImportReport, ListingsOverview } from '../../../src-shared/ipc/listings';
import type { CoreContext } from '../context';
import { forgetMovedSecrets } from '../secrets/host-binding';
import { importListingCsv, previewListingCsv } from './csv-import';
import { matchesForLead } from './lead-matches';
import { readAlertSettings, writeAlertSettings } from './property-alerts';
import { sendHome } from './send-home';
import {
  parseResoSettings,
  plainResoRefusal,
  readResoSettings,
  readResoState,
  resoSecretDestinations,
  writeResoSettings,
} from './reso-settings';

export function listingHandlers(ctx: CoreContext) {
  const { db } = ctx;

  async function overview(): Promise<ListingsOverview> {
    const [settings, state, names, total, forSale, offFeed, recent, alerts] = await Promise.all([
      readResoSettings(ctx),
      readResoState(ctx),
      ctx.secrets?.names() ?? Promise.resolve([]),
      db.listings.count().exec(),
      db.listings
        .count({
          selector: { StandardStatus: { $in: ['Active', 'ComingSoon'] }, leftFeedAt: { $exists: false } },
        })
        .exec(),
      db.listings.count({ selector: { leftFeedAt: { $exists: true } } }).exec(),
      db.listings.find({ sort: [{ updatedAt: 'desc' }], limit: 8 }).exec(),
      readAlertSettings(ctx),
    ]);
    return {
      settings,
      hasAccessToken: names.includes('reso.accessToken'),
      hasClientSecret: names.includes('reso.clientSecret'),
      state,
      counts: { total, forSale, offFeed },
      recent: recent.map((doc) => doc.toMutableJSON()),
      alerts,
      nextImportAt: ctx.resoImports.nextAt,
      importing: ctx.resoImports.isRunning,
    };
  }

  async function liveLead(id: string): Promise<Lead> {
    const doc = await db.leads.findOne(id).exec();
    if (doc === null || doc.deletedAt > 0)
      throw new PorchlightError('not_found', 'This lead no longer exists (deleted or merged).');
    return doc.toMutableJSON();
  }

  return {
    'listings-overview': (): Promise<ListingsOverview> => overview(),

    'listings-settings-set': async (args: ValidArgs<'listings-settings-set'>): Promise<ListingsOverview> => {
      const before = await readResoSettings(ctx);
      const given = Object.entries(args.patch).filter(([, value]) => value !== undefined);
      const after = parseResoSettings({ ...before, ...Object.fromEntries(given) });
      const fieldErrors: Record<string, string> = {};
      const endpointRefusal = plainResoRefusal(after.endpoint);
      if (endpointRefusal !== undefined) fieldErrors.endpoint = endpointRefusal;
      const tokenRefusal = after.auth === 'client_credentials' ? plainResoRefusal(after.tokenUrl) : undefined;
      if (tokenRefusal !== undefined) fieldErrors.tokenUrl = tokenRefusal;
      if (Object.keys(fieldErrors).length > 0)
        throw new PorchlightError('validation', Object.values(fieldErrors).join(' '), fieldErrors);
      // A secret goes only where it was saved for (decision 0841): a moved address forgets it.
      const was = resoSecretDestinations(before);
      const now = resoSecretDestinations(after);
      await forgetMovedSecrets(
        ctx.secrets,
        [...was].map(([name, destination]) => ({ name, before: destination, after: now.get(name) ?? '' })),
      );
      await writeResoSettings(ctx, after);
      for (const [name, value] of [
        ['reso.accessToken', args.accessToken],
        ['reso.clientSecret', args.clientSecret],
      ] as const) {
        if (value === undefined) continue;
        if (ctx.secrets === undefined)
          throw new PorchlightError('unavailable', 'This app has no secret store to keep the MLS token in.');
        if (value.trim() === '') await ctx.secrets.delete(name);
        else await ctx.secrets.set(name, value.trim());
      }
      return overview();
    },

    'listings-schedule-set': async (args: ValidArgs<'listings-schedule-set'>): Promise<ListingsOverview> => {
      if (args.importEveryMinutes !== undefined)
        await writeResoSettings(ctx, {
          ...(await readResoSettings(ctx)),
          importEveryMinutes: args.importEveryMinutes,
        });
      if (args.alertEveryHours !== undefined)
        await writeAlertSettings(ctx, {
          ...(await readAlertSettings(ctx)),
          alertEveryHours: args.alertEveryHours,
        });
      return overview();
    },

    'listings-import-reso': (args: ValidArgs<'listings-import-reso'>): Promise<ListingImportReport> =>
      ctx.resoImports.runNow(ctx, args.full),

    'listings-csv-preview': (args: ValidArgs<'listings-csv-preview'>) => previewListingCsv(ctx, args.text),
    'listings-import-csv': (args: ValidArgs<'listings-import-csv'>) =>
      importListingCsv(ctx, args.text, args.mapping),

    'lead-matches': async (args: ValidArgs<'lead-matches'>): Promise<LeadMatches> =>
      matchesForLead(ctx, await liveLead(args.leadId), args.limit),

    'lead-home-preferences-set': async (
      args: ValidArgs<'lead-home-preferences-set'>,
    ): Promise<LeadMatches> => {
      const lead = await liveLead(args.leadId);
      const next: HomePreferences = { ...lead.homePreferences };
      for (const [field, value] of Object.entries(args.patch) as [keyof HomePreferences, unknown][]) {
        if (value === undefined) continue;
        if (value === null) delete next[field];
        else (next as Record<string, unknown>)[field] = value;
      }
      if (next.priceMin !== undefined && next.priceMax !== undefined && next.priceMin > next.priceMax)
        throw new PorchlightError(
          'validation',
          'The lowest price is above the highest; swap them or clear one.',
          { priceMin: 'Lower than the highest price, please.' },
        );
      const doc = await db.leads.findOne(lead.id).exec();
      const updated = await doc?.incrementalPatch({ homePreferences: next, updatedAt: ctx.clock.now() });
      return matchesForLead(ctx, updated?.toMutableJSON() ?? lead, 6);
    },

    'lead-send-home': async (args: ValidArgs<'lead-send-home'>) =>
      sendHome(ctx, await liveLead(args.leadId), args.listingId, args.channel),
  };
}

export type ListingHandlers = ReturnType<typeof listingHandlers>;
