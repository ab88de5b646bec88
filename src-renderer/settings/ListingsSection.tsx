// Settings → Listings: the MLS's RESO Web API (address, bearer token or OAuth2 client
// credentials, an optional filter and the homes' public page), "Import now" (what changed
// since the last import) and "Check every listing" (a full pass that also finds homes gone
// from the feed), how often the feed is imported and alerts may go (ListingsSchedule), and an
// IDX/CSV file with its columns mapped to RESO fields before import (ListingsCsvImport).
// Every refusal is said beside its field; the last import is said in words.
import { useEffect, useState } from 'react';
import type { ListingsOverview, ResoSettings } from '../../src-shared/ipc/listings';
import { useBridge } from '../bridge/context';
import { Field, FieldErrorText, OutcomeLine, outcomeOf, SecretField, type Outcome } from './fields';
import { CsvImport, reportWords } from './ListingsCsvImport';
import { ListingsSchedule } from './ListingsSchedule';
import type { SettingsSectionProps } from './section';

export function ListingsSection({ onSaved }: SettingsSectionProps) {
  const bridge = useBridge();
  const [view, setView] = useState<ListingsOverview | null>(null);
  const [form, setForm] = useState<ResoSettings | null>(null);
  const [token, setToken] = useState('');
  const [secret, setSecret] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const load = () =>
      void bridge.invoke('listings-overview', {}).then((v) => {
        setView(v);
        setForm((f) => f ?? v.settings);
      });
    load();
    // A timed import that failed changes no home: the status is read again now and then.
    const every = setInterval(load, 30_000);
    const off = bridge.on('listings-changed', load);
    return () => {
      clearInterval(every);
      off();
    };
  }, [bridge]);
  if (view === null || form === null) return <p>Loading…</p>;
  const set = (patch: Partial<ResoSettings>) => setForm({ ...form, ...patch });
  const errors = outcome?.fieldErrors ?? {};
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ ok: true, text: await work() });
      setView(await bridge.invoke('listings-overview', {}));
    } catch (error) {
      setOutcome(outcomeOf(error));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const next = await bridge.invoke('listings-settings-set', {
        patch: form,
        ...(token === '' ? {} : { accessToken: token }),
        ...(secret === '' ? {} : { clientSecret: secret }),
      });
      setToken('');
      setSecret('');
      setForm(next.settings);
      onSaved();
      return 'Saved.';
    });
  const importNow = (full: boolean) =>
    run(async () => `Imported ${reportWords(await bridge.invoke('listings-import-reso', { full }))}`);
  const { counts } = view;
  return (
    <section aria-label="Listings">
      <p role="status">
        {counts.total === 0
          ? 'No homes yet.'
          : `${counts.total.toLocaleString()} homes: ${counts.forSale.toLocaleString()} for sale, ${counts.offFeed.toLocaleString()} gone from the feed.`}{' '}
        Every agent of the team gets the same homes.
      </p>
      <ListingsSchedule view={view} onSaved={setView} />
      <h4>From your MLS (RESO Web API)</h4>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field
          label="Web API address (service root)"
          name="endpoint"
          value={form.endpoint}
          placeholder="https://api.your-mls.example/odata"
          error={errors.endpoint}
          onChange={(endpoint) => set({ endpoint })}
        />
        <label className="field">
          <span>Sign in with</span>
          <select
            name="auth"
            value={form.auth}
            onChange={(e) =>
              set({ auth: e.target.value === 'client_credentials' ? 'client_credentials' : 'bearer' })
            }
          >
            <option value="bearer">An access token from the MLS</option>
            <option value="client_credentials">A client id and secret (OAuth2)</option>
          </select>
        </label>
        {form.auth === 'bearer' ? (
          <>
            <SecretField
              label="Access token"
              name="accessToken"
              isSaved={view.hasAccessToken}
              value={token}
              onChange={setToken}
            />
            <FieldErrorText error={errors.accessToken} />
          </>
        ) : (
          <>
            <Field
              label="Token address"
              name="tokenUrl"
              value={form.tokenUrl}
              error={errors.tokenUrl}
              onChange={(tokenUrl) => set({ tokenUrl })}
            />
            <Field
              label="Client id"
              name="clientId"
              value={form.clientId}
              error={errors.clientId}
              onChange={(clientId) => set({ clientId })}
            />
            <SecretField
              label="Client secret"
              name="clientSecret"
              isSaved={view.hasClientSecret}
              value={secret}
              onChange={setSecret}
            />
            <FieldErrorText error={errors.clientSecret} />
            <Field
              label="Scope (if your MLS asks for one)"
              name="scope"
              value={form.scope}
              onChange={(scope) => set({ scope })}
            />
          </>
        )}
        <Field
          label="Only these homes (OData filter, optional)"
          name="filter"
          value={form.filter}
          placeholder="City eq 'Maple Grove'"
          onChange={(filter) => set({ filter })}
        />
        <Field
          label="Each home’s public page"
          name="publicUrlTemplate"
          value={form.publicUrlTemplate}
          placeholder="https://your-site.example/listing/{ListingId}"
          onChange={(publicUrlTemplate) => set({ publicUrlTemplate })}
        />
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button type="button" disabled={busy || form.endpoint === ''} onClick={() => void importNow(false)}>
            Import now
          </button>
          <button type="button" disabled={busy || form.endpoint === ''} onClick={() => void importNow(true)}>
            Check every listing
          </button>
        </div>
      </form>
      <OutcomeLine outcome={outcome} />
      <CsvImport onImported={() => void bridge.invoke('listings-overview', {}).then(setView)} />
      {view.recent.length === 0 ? null : (
        <>
          <h4>Latest changes</h4>
          <ul className="recent-listings">
            {view.recent.map((l) => (
              <li key={l.id}>
                {[l.UnparsedAddress, l.City].filter(Boolean).join(', ')} · $
                {l.ListPrice.toLocaleString('en-US')} ·{' '}
                {l.leftFeedAt === undefined ? l.StandardStatus : 'gone from the feed'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
