// Settings → Listings, the IDX/CSV part: a file's columns shown with its first row, each mapped
// to a RESO field (guessed from the headers, changeable) before the homes are imported; the
// fields an import cannot do without are said beside the table.
import { useState } from 'react';
import type { ListingCsvPreview, ListingImportReport } from '../../src-shared/ipc/listings';
import { listingCsvFields } from '../../src-shared/ipc/listings';
import { useBridge } from '../bridge/context';
import { FieldErrorText, OutcomeLine, outcomeOf, type Outcome } from './fields';

export function reportWords(report: ListingImportReport): string {
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

export function CsvImport({ onImported }: { onImported: (report: ListingImportReport) => void }) {
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
