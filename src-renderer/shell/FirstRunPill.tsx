// The top bar's way into the getting-started guide while it is neither finished nor skipped.
import { useContractQuery } from '../bridge/query';
import { hrefOf } from './router';

export function FirstRunPill({ current }: { current: boolean }) {
  const guide = useContractQuery('first-run-get', {}).data;
  if (guide === undefined || guide.finished || (guide.skipped && !current)) return null;
  const done = guide.steps.filter((s) => s.done).length;
  return (
    <a className="first-run-pill" href={hrefOf('/start')} aria-current={current ? 'page' : undefined}>
      Getting started · {done} of {guide.steps.length}
    </a>
  );
}
