import { describe, expect, it } from 'vitest';
import { redactSecret } from './redact';

const KEY = 'sk-proj+Abc/123=xyz';

describe('redactSecret', () => {
  it('removes the key as sent, base64-encoded (Basic header) and URL-encoded (query string)', () => {
    const base64 = Buffer.from(KEY).toString('base64');
    const echoes = [
      `invalid key ${KEY}`,
      `Authorization: Basic ${base64}`,
      `Basic ${base64.replace(/=+$/, '')}`,
      `?api-key=${encodeURIComponent(KEY)}&x=1`,
      `token=${Buffer.from(KEY).toString('base64url')}`,
    ];
    for (const echo of echoes) {
      const out = redactSecret(echo, KEY);
      expect(out).toContain('[redacted]');
      expect(out).not.toContain(base64.slice(0, 12));
      expect(out).not.toContain(encodeURIComponent(KEY));
      expect(out).not.toContain('Abc/123');
    }
  });

  it('leaves other text alone', () => {
    expect(redactSecret('rate limit reached, try later', KEY)).toBe('rate limit reached, try later');
  });
});
