// What unsaved scoring settings would do to the current leads: how many would be hot, warm and
// cold before and after, how many change, and the biggest moves.
import { temperatures } from '../../src-shared/domain';
import type { ScoringPreviewLeads } from '../../src-shared/ipc/scoring';

export function ScoringPreviewTable({ preview }: { preview: ScoringPreviewLeads }) {
  return (
    <section aria-label="Effect on current leads" className="scoring-preview">
      <p role="status">
        On{' '}
        {preview.scored === preview.total
          ? `all ${preview.total}`
          : `the newest ${preview.scored} of ${preview.total}`}{' '}
        leads: {preview.changedScore} would change score and {preview.changedTemperature} would change
        temperature. Nothing changes until you save.
      </p>
      <table>
        <caption>Leads by temperature</caption>
        <thead>
          <tr>
            <th scope="col">Temperature</th>
            <th scope="col">Now</th>
            <th scope="col">With these settings</th>
          </tr>
        </thead>
        <tbody>
          {temperatures.map((t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              <td>{preview.before[t]}</td>
              <td>{preview.after[t]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.movers.length > 0 ? (
        <table>
          <caption>Biggest moves</caption>
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Now</th>
              <th scope="col">Would be</th>
            </tr>
          </thead>
          <tbody>
            {preview.movers.slice(0, 8).map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>
                  {m.from} ({m.fromTemperature})
                </td>
                <td>
                  {m.to} ({m.toTemperature})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
