import { describe, expect, it } from 'vitest';
import { statusWord } from './words';

describe('statusWord', () => {
  it('names the statuses core has, including the channel states', () => {
    expect(statusWord('uncertain').label).toBe('Not sure it went');
    expect(statusWord('waiting_for_channel')).toEqual({ label: 'Waiting for its channel', tone: 'wait' });
  });
  it('reads a status it does not know as words instead of a blank', () => {
    expect(statusWord('held_for_profile')).toEqual({ label: 'Held for profile', tone: 'plain' });
  });
});
