// Export of the grid view as CSV: the same filters, the columns shown (with the contact
// columns, which the name column stands for), every matching lead, formulas neutralised by core.
import type { VisibilityState } from '@tanstack/react-table';
import { useState } from 'react';
import type { ExportColumn } from '../../../src-shared/ipc/imports';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';
import { useBridge } from '../../bridge/context';
import { messageOf } from '../../bridge/query';
import { downloadText } from '../../shell/download';

const gridColumns: readonly ExportColumn[] = [
  'temperature',
  'score',
  'stage',
  'source',
  'lastContactAt',
  'nextFollowUpAt',
];

export function ExportButton({
  filters,
  columnVisibility,
}: {
  filters: Omit<LeadsQuery, 'offset' | 'limit'>;
  columnVisibility: VisibilityState;
}) {
  const bridge = useBridge();
  const [state, setState] = useState<{ busy: boolean; note: string | null }>({ busy: false, note: null });
  const exportView = async (): Promise<void> => {
    setState({ busy: true, note: null });
    try {
      const columns: ExportColumn[] = [
        'name',
        'email',
        'phone',
        ...gridColumns.filter((c) => columnVisibility[c] !== false),
      ];
      const { fileName, csv, rows } = await bridge.invoke('leads-export-csv', { query: filters, columns });
      downloadText(fileName, csv);
      setState({ busy: false, note: `${rows.toLocaleString()} leads exported` });
    } catch (error) {
      setState({ busy: false, note: messageOf(error) });
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={state.busy}
        onClick={() => void exportView()}
        title="Download the leads in this view as CSV"
      >
        Export CSV
      </button>
      {state.note === null ? null : (
        <span className="export-note" role="status">
          {state.note}
        </span>
      )}
    </>
  );
}
