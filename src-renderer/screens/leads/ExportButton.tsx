// Export of the grid view as CSV: the same filters and sort, the columns shown in the order
// shown, every matching lead, formulas neutralised by core.
import type { SortingState, VisibilityState } from '@tanstack/react-table';
import { useState } from 'react';
import type { LeadsQuery } from '../../../src-shared/ipc/leads';
import { useBridge } from '../../bridge/context';
import { messageOf } from '../../bridge/query';
import { downloadText } from '../../shell/download';
import { gridSortOf, shownExportColumns } from './columns';

export function ExportButton({
  filters,
  sorting,
  columnVisibility,
}: {
  filters: Omit<LeadsQuery, 'offset' | 'limit' | 'sort'>;
  sorting: SortingState;
  columnVisibility: VisibilityState;
}) {
  const bridge = useBridge();
  const [state, setState] = useState<{ busy: boolean; note: string | null }>({ busy: false, note: null });
  const exportView = async (): Promise<void> => {
    setState({ busy: true, note: null });
    try {
      const { fileName, csv, rows } = await bridge.invoke('leads-export-csv', {
        query: { ...filters, sort: gridSortOf(sorting) },
        columns: shownExportColumns(columnVisibility),
      });
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
