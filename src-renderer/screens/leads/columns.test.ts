// The grid's export asks for what the grid shows: its sort, and its columns in its order.
import { describe, expect, it } from 'vitest';
import { gridSortOf, shownExportColumns } from './columns';
import { hiddenByDefault } from './grid-prefs';

describe('the grid as an export asks for it', () => {
  it('sorts as the grid sorts, best score first when nothing is chosen', () => {
    expect(gridSortOf([{ id: 'name', desc: false }])).toEqual({ field: 'name', direction: 'asc' });
    expect(gridSortOf([{ id: 'temperature', desc: true }])).toEqual({ field: 'score', direction: 'desc' });
    expect(gridSortOf([])).toEqual({ field: 'score', direction: 'desc' });
  });

  it('writes the columns shown, in the grid’s order, the name always', () => {
    expect(shownExportColumns(hiddenByDefault)).toEqual([
      'name',
      'temperature',
      'score',
      'stage',
      'tags',
      'source',
      'lastContactAt',
      'nextFollowUpAt',
    ]);
    expect(shownExportColumns({ ...hiddenByDefault, email: true, score: false, name: false })).toEqual([
      'name',
      'temperature',
      'stage',
      'tags',
      'email',
      'source',
      'lastContactAt',
      'nextFollowUpAt',
    ]);
  });
});
