import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../core/testing/memory-secret-store';
import { bindFubKeys, fubOrigin } from './fub-origin';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-fub-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the Follow Up Boss keys are bound to the API origin they were saved under', () => {
  it('sends to Follow Up Boss unless told otherwise; http only to this computer', () => {
    expect(fubOrigin(undefined)).toBe('https://api.followupboss.com');
    expect(fubOrigin('http://127.0.0.1:4020/v1')).toBe('http://127.0.0.1:4020');
    expect(() => fubOrigin('http://fub.example.com/v1')).toThrow(
      '--fub-api http://fub.example.com/v1: http:// sends the Follow Up Boss keys unencrypted, so it is allowed only to this computer (localhost, 127.0.0.1); use https://fub.example.com.',
    );
  });

  it('forgets both keys when a run sends them elsewhere, and says where to enter them again', async () => {
    const secrets = new MemorySecretStore({
      'followUpBoss.apiKey': 'fka_key',
      'followUpBoss.systemKey': 'sys',
    });
    expect(await bindFubKeys(dir, secrets, 'https://api.followupboss.com')).toBeUndefined();
    expect(await bindFubKeys(dir, secrets, 'http://127.0.0.1:4020')).toBe(
      'The Follow Up Boss keys were saved for https://api.followupboss.com; this run sends to http://127.0.0.1:4020, so they were forgotten. Enter them again in Settings → Follow Up Boss.',
    );
    expect(await secrets.names()).toEqual([]);
  });
});
