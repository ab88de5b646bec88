// The email settings handlers: what is missing is said in words, the postal address lands where
// the CAN-SPAM footer reads it, and the reply-token key never leaves core.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readEngineSettings } from '../../src-main/core/engine/settings';
import type { TestCore } from '../../src-main/core/testing/test-core';
import { createTestCore } from '../../src-main/core/testing/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.close();
});

it('says what is missing, then stores settings and the postal address for the footer', async () => {
  const empty = await core.invoke('email-settings-get', {});
  expect(empty.sendingMissing).toEqual(
    expect.arrayContaining(['the SMTP server', 'the From address', 'the office postal address (CAN-SPAM)']),
  );
  const view = await core.invoke('email-settings-set', {
    smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'dana' },
    fromAddress: 'Dana@Example.com',
    physicalAddress: '100 Congress Ave, Austin, TX 78701',
  });
  expect(view.settings.fromAddress).toBe('dana@example.com');
  expect(view.settings.smtp).toMatchObject({ host: 'smtp.example.com', port: 465, security: 'tls' });
  expect(view.sendingMissing).not.toContain('the SMTP server');
  expect((await readEngineSettings(core.ctx)).sender.physicalAddress).toBe(
    '100 Congress Ave, Austin, TX 78701',
  );
  expect(JSON.stringify(view)).not.toContain('replyTokenKey');
});

it('refuses a From address that is not one, naming the field', async () => {
  await expect(core.invoke('email-settings-set', { fromAddress: 'not an address' })).rejects.toMatchObject({
    code: 'invalid_args',
    fieldErrors: { fromAddress: 'not an email address' },
  });
});
