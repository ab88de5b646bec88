// Settings → Listings: the MLS's RESO Web API (address, bearer token or OAuth2 client
// credentials, an optional filter and the homes' public page), "Import now" (what changed
// since the last import) and "Check every listing" (a full pass that also finds homes gone
// from the feed), and an IDX/CSV file with its columns mapped to RESO fields before import.
// Every refusal is said beside its field; the last import is said in words.
import { useEffect, useState } from 'react';
import type {
  ListingCsvPreview,
  ListingImportReport,
  ListingsOverview,
  ResoSettings,
} from '../../src-shared/ipc/listings';
import { listingCsvFields } from '../../src-shared/ipc/listings';
import { useBridge } from '../bridge/context';
import { Field, FieldErrorText, OutcomeLine, outcomeOf, SecretField, type Outcome } from './fields';
import type { SettingsSectionProps } from './section';

function reportWords(report: ListingImportReport): string {
  const parts = [
    `read ${String(report.read)}`,
    `${String(report.added)} new`,
    `${String(report.updated)} updated`,
    `${String(report.unchanged)} unchanged`,
    ...(report.priceCuts > 0 ? [`${String(report.priceCuts)} price cuts`] : []),
    ...(report.statusChanges > 0 ? [`${String(report.statusChanges)} status changes`] : []),
    ...(report.leftFeed > 0 ? [`${String(report.leftFeed)} gone from the feed (kept, not offered)`] : []),
  ];
  return `${new Date(report.finishedAt).toLocaleString()}: ${parts.join(', ')}.`;
}

function CsvImport({ onImported }: { onImported: (report: ListingImportReport) => void }) {
  const bridge = useBridge();
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<ListingCsvPreview | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const choose = async (file: File | undefined) => {
    if (file === undefined) return;
    const content = await file.text();
    setText(content);
    try {
      setPreview(await bridge.invoke('listings-csv-preview', { text: content }));
      setOutcome(null);
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  };
  const missing =
    preview === null
      ? []
      : listingCsvFields.filter(
          (f) =>
            ['ListingKey', 'ListPrice', 'StandardStatus'].includes(f) &&
            !Object.values(preview.mapping).includes(f),
        );
  return (
    <div className="csv-listings">
      <h4>From an IDX or MLS export (CSV)</h4>
      <label className="field">
        <span>CSV file</span>
        <input
          type="file"
          name="listingsCsv"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {preview === null || text === null ? null : (
        <>
          <table className="mapping">
            <caption>Each column becomes</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">First row</th>
                <th scope="col">Field</th>
              </tr>
            </thead>
            <tbody>
              {preview.headers.map((header, i) => (
                <tr key={header}>
                  <td>{header}</td>
                  <td>{preview.rows[0]?.[i] ?? ''}</td>
                  <td>
                    <select
                      aria-label={`Field for ${header}`}
                      value={preview.mapping[header] ?? 'ignore'}
                      onChange={(e) =>
                        setPreview({
                          ...preview,
                          mapping: {
                            ...preview.mapping,
                            [header]: e.target.value as ListingCsvPreview['mapping'][string],
                          },
                        })
                      }
                    >
                      <option value="ignore">(not imported)</option>
                      {listingCsvFields.map((field) => (
                        <option key={field} value={field}>
                          {field}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {missing.length > 0 ? (
            <FieldErrorText error={`Map a column to ${missing.join(', ')} to import.`} />
          ) : null}
          <button
            type="button"
            disabled={missing.length > 0}
            onClick={() =>
              void bridge
                .invoke('listings-import-csv', { text, mapping: preview.mapping })
                .then((report) => {
                  onImported(report);
                  setOutcome({
                    ok: true,
                    text: `Imported ${reportWords(report)}${report.problems.length > 0 ? ` Not imported: ${report.problems.join(' ')}` : ''}`,
                  });
                })
                .catch((error: unknown) => setOutcome(outcomeOf(error)))
            }
          >
            Import these homes
          </button>
        </>
      )}
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

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
    return bridge.on('listings-changed', load);
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
  const { counts, state } = view;
  return (
    <section aria-label="Listings">
      <p role="status">
        {counts.total === 0
          ? 'No homes yet.'
          : `${counts.total.toLocaleString()} homes: ${counts.forSale.toLocaleString()} for sale, ${counts.offFeed.toLocaleString()} gone from the feed.`}{' '}
        Every agent of the team gets the same homes.
      </p>
      {state.lastRun === null ? null : <p>Last import from the MLS {reportWords(state.lastRun)}</p>}
      {state.lastError === null ? null : (
        <p className="field-error">The last import stopped: {state.lastError}</p>
      )}
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
