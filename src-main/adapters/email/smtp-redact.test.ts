import { expect, it } from 'vitest';
import { redact } from './smtp-errors';

it('removes an SMTP password echoed as is, base64-encoded or URL-encoded', () => {
  const password = 'p@ss word/+1';
  const echo = `535 bad ${password} ${Buffer.from(password).toString('base64')} ${encodeURIComponent(password)}`;
  const out = redact(echo, [password]);
  expect(out).toBe('535 bad [secret] [secret] [secret]');
});
