// How many leads there are, or how many match the filters on screen.
import type { LeadCounts as Counts } from '../../../src-shared/ipc/leads';

export function LeadCounts({
  counts,
  matching,
  filtered,
}: {
  counts: Counts | undefined;
  matching: number | null;
  filtered: boolean;
}) {
  return (
    <p className="counts" aria-live="polite" aria-label="Lead counts">
      {counts === undefined ? null : filtered && matching !== null ? (
        <>
          <strong>{matching.toLocaleString()}</strong> of {counts.total.toLocaleString()} leads match
        </>
      ) : (
        <>
          <strong>{counts.total.toLocaleString()}</strong> leads ·{' '}
          <span className="temp-hot">{counts.byTemperature.hot.toLocaleString()} hot</span> ·{' '}
          <span className="temp-warm">{counts.byTemperature.warm.toLocaleString()} warm</span> ·{' '}
          <span className="temp-cold">{counts.byTemperature.cold.toLocaleString()} cold</span>
        </>
      )}
    </p>
  );
}
