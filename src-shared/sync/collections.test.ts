import { describe, expect, it } from 'vitest';
import { isTeamSetting, porchlightSyncCollections, REPLICATED_COLLECTIONS } from './collections';

describe('the replicated collections table', () => {
  it('names every replicated collection once, in the list the desktop starts', () => {
    expect(porchlightSyncCollections.map((spec) => spec.name)).toEqual([...REPLICATED_COLLECTIONS]);
  });

  it('SY-S5 only engine and team.* settings are the team’s; the server refuses the rest', () => {
    const settings = porchlightSyncCollections.find((spec) => spec.name === 'settings');
    for (const id of ['engine', 'team.office-hours']) {
      expect(isTeamSetting(id)).toBe(true);
      expect(settings?.isDeviceOnly?.(id)).toBe(false);
    }
    for (const id of ['ai', 'sync', 'twilio', 'teams']) {
      expect(isTeamSetting(id)).toBe(false);
      expect(settings?.isDeviceOnly?.(id)).toBe(true);
    }
  });
});
