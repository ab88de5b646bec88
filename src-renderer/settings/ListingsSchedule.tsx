// Settings → Listings, "How often": the timed import's interval (this computer) and the team's
// property-alert window, each refusal said beside its field with what was typed kept, and the
// import's state in words: the last good import, the failure since (when and why), the next run.
import { useState } from 'react';
import type { ListingImportReport, ListingsOverview } from '../../src-shared/ipc/listings';
import { useBridge } from '../bridge/context';
import { Field, OutcomeLine, outcomeOf, type Outcome } from './fields';

function whenWords(at: number): string {
  return new Date(at).toLocaleString();
}

function lastGoodWords(report: ListingImportReport): string {
  const changed = report.added + report.updated;
  return `Last good import ${whenWords(report.finishedAt)}: ${String(report.read)} read, ${String(changed)} new or changed.`;
}

/** A whole number typed in a field, or the refusal to show beside it. */
function wholeNumber(text: string, unit: string): number | string {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return `Enter whole ${unit}, like 15.`;
  return Number(trimmed);
}

export function ImportStatus({ view }: { view: ListingsOverview }) {
  const { state } = view;
  const connected = view.settings.endpoint !== '';
  return (
    <div className="import-status" aria-label="MLS import status">
      <p>
        {state.lastRun === null
          ? connected
            ? 'No import from the MLS has finished yet.'
            : 'Connect your MLS below and its homes are imported on this schedule.'
          : lastGoodWords(state.lastRun)}
        {view.importing ? ' Importing now…' : ''}
        {!view.importing && view.nextImportAt !== null ? ` Next import ${whenWords(view.nextImportAt)}.` : ''}
      </p>
      {state.lastError === null ? null : (
        <p className="field-error">
          The last import failed{state.lastErrorAt === null ? '' : ` at ${whenWords(state.lastErrorAt)}`}:{' '}
          {state.lastError} It is tried again at the next turn.
        </p>
      )}
    </div>
  );
}

export function ListingsSchedule({
  view,
  onSaved,
}: {
  view: ListingsOverview;
  onSaved: (next: ListingsOverview) => void;
}) {
  const bridge = useBridge();
  const [minutes, setMinutes] = useState(String(view.settings.importEveryMinutes));
  const [hours, setHours] = useState(String(view.alerts.alertEveryHours));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const importEveryMinutes = wholeNumber(minutes, 'minutes');
    const alertEveryHours = wholeNumber(hours, 'hours');
    const refused: Record<string, string> = {};
    if (typeof importEveryMinutes === 'string') refused.importEveryMinutes = importEveryMinutes;
    if (typeof alertEveryHours === 'string') refused.alertEveryHours = alertEveryHours;
    setErrors(refused);
    if (typeof importEveryMinutes === 'string' || typeof alertEveryHours === 'string') {
      setOutcome({ ok: false, text: 'Not saved: fix the field marked above.' });
      return;
    }
    setBusy(true);
    try {
      const next = await bridge.invoke('listings-schedule-set', { importEveryMinutes, alertEveryHours });
      setOutcome({ ok: true, text: 'Saved.' });
      onSaved(next);
    } catch (error) {
      const failed = outcomeOf(error);
      setErrors(failed.fieldErrors ?? {});
      setOutcome(
        failed.fieldErrors === undefined
          ? failed
          : { ok: false, text: 'Not saved: fix the field marked above.' },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="listings-schedule"
      aria-label="How often"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>How often</h4>
      <ImportStatus view={view} />
      <Field
        label="Import from the MLS every (minutes)"
        name="importEveryMinutes"
        value={minutes}
        error={errors.importEveryMinutes}
        onChange={setMinutes}
      />
      <Field
        label="At most one property alert per lead every (hours)"
        name="alertEveryHours"
        value={hours}
        error={errors.alertEveryHours}
        onChange={setHours}
      />
      <p className="muted">
        Property alerts go out from the “New homes and price cuts” playbook (turn it on in Sequences) when a
        new home or a price cut fits a lead; what comes within the window waits for its end. The window is the
        team’s; the import interval is this computer’s.
      </p>
      <div className="dialog-actions">
        <button type="submit" disabled={busy}>
          Set how often
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}
