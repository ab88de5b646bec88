import { describe, expect, it } from 'vitest';
import { appArgs } from './app';
import { combine } from './combine';
import { handlerArgs } from './contract';
import { leadArgs } from './leads';

describe('combine (the contract side)', () => {
  it('keeps every feature’s names', () => {
    const joined = combine(leadArgs, appArgs);
    expect(Object.keys(joined).sort()).toEqual([...Object.keys(leadArgs), ...Object.keys(appArgs)].sort());
    expect(Object.keys(handlerArgs)).toEqual(expect.arrayContaining(Object.keys(leadArgs)));
  });

  it('throws when two features declare the same handler name', () => {
    expect(() => combine(leadArgs, appArgs, { 'leads-create': leadArgs['leads-create'] })).toThrow(
      /"leads-create" is declared by two features/,
    );
  });
});
