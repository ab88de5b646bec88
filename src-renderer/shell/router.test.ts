import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('reads parameters from a path that fits the pattern', () => {
    expect(matchPath('/leads/:id', '/leads/lead-42')).toEqual({ id: 'lead-42' });
    expect(matchPath('/leads/:id', '/leads/a%20b')).toEqual({ id: 'a b' });
  });
  it('refuses a path with other segments or another length', () => {
    expect(matchPath('/leads/:id', '/leads')).toBeNull();
    expect(matchPath('/leads/:id', '/today/x')).toBeNull();
    expect(matchPath('/today', '/today/')).toEqual({});
  });
});
