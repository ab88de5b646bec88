import { describe, expect, it } from 'vitest';
import { secretNameSchema } from '../../../src-shared/ipc/channels';
import { secretNames } from '../ports/secret-store';

describe('secret names', () => {
  it('the contract accepts exactly the names the SecretStore port knows', () => {
    expect(secretNameSchema.options).toEqual([...secretNames]);
  });
});
