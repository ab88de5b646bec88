import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../core/testing/memory-secret-store';
import { bindTwilioKeys, TWILIO_DEFAULT_ORIGIN, twilioOrigin } from './twilio-origin';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-twilio-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the Twilio keys are bound to the API origin they were saved under', () => {
  it('sends to Twilio unless told otherwise; http only to this computer', () => {
    expect(twilioOrigin(undefined)).toBe(TWILIO_DEFAULT_ORIGIN);
    expect(twilioOrigin('https://twilio.example.com/2010-04-01')).toBe('https://twilio.example.com');
    expect(twilioOrigin('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(() => twilioOrigin('http://twilio.example.com')).toThrow(
      /only to this computer.*https:\/\/twilio\.example\.com/,
    );
    expect(() => twilioOrigin('not a url')).toThrow(/not an address/);
  });

  it('keeps the keys while the origin stays, forgets them when it moves, and says so', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('twilio.accountSid', 'AC0123');
    await secrets.set('twilio.authToken', 'token-for-twilio');
    expect(await bindTwilioKeys(dir, secrets, TWILIO_DEFAULT_ORIGIN)).toBeUndefined();
    expect(await bindTwilioKeys(dir, secrets, TWILIO_DEFAULT_ORIGIN)).toBeUndefined();
    expect(await secrets.get('twilio.authToken')).toBe('token-for-twilio');

    const notice = await bindTwilioKeys(dir, secrets, 'http://127.0.0.1:4010');
    expect(notice).toBe(
      'The Twilio keys were saved for https://api.twilio.com; this run sends to http://127.0.0.1:4010, so they were forgotten. Enter them again in Settings → Text messages and WhatsApp.',
    );
    expect(await secrets.names()).toEqual([]);
    // Keys entered for the new origin stay with it.
    await secrets.set('twilio.authToken', 'token-for-the-fake');
    expect(await bindTwilioKeys(dir, secrets, 'http://127.0.0.1:4010')).toBeUndefined();
    expect(await secrets.get('twilio.authToken')).toBe('token-for-the-fake');
  });
});
