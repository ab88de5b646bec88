import { describe, expect, it } from 'vitest';
import { markedRuns } from './marked-text';
import { groupOf, insertAt, placeholderGroups } from './placeholders';

describe('template editor pieces', () => {
  it('groups placeholders as an agent reads them', () => {
    expect(groupOf('first_name')).toBe('Lead');
    expect(groupOf('agent_phone')).toBe('Agent');
    expect(groupOf('team_name')).toBe('Brokerage');
    expect(groupOf('price_range')).toBe('Property');
    const groups = placeholderGroups();
    expect(groups.map((g) => g.group)).toEqual(['Lead', 'Agent', 'Brokerage', 'Property']);
    expect(groups.flatMap((g) => g.names)).toContain('days_inactive');
  });

  it('inserts a placeholder at the caret, replacing the selection', () => {
    expect(insertAt('Hi , thanks', 3, 3, 'first_name')).toEqual({
      text: 'Hi {{first_name}}, thanks',
      caret: 17,
    });
    expect(insertAt('Hi you', 3, 6, 'first_name')).toEqual({ text: 'Hi {{first_name}}', caret: 17 });
  });

  it('marks the characters that force UCS-2, keeping the rest in runs', () => {
    expect(markedRuns('Hi “Sam” 😀!', ['“', '”', '😀'])).toEqual([
      { text: 'Hi ', forcesUcs2: false },
      { text: '“', forcesUcs2: true },
      { text: 'Sam', forcesUcs2: false },
      { text: '”', forcesUcs2: true },
      { text: ' ', forcesUcs2: false },
      { text: '😀', forcesUcs2: true },
      { text: '!', forcesUcs2: false },
    ]);
    expect(markedRuns('plain', [])).toEqual([{ text: 'plain', forcesUcs2: false }]);
  });
});
