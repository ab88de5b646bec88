import { describe, expect, it } from 'vitest';
import { missingLine, missingPackages } from './system-check';

describe('the system-package check before a test run', () => {
  it('names every missing package and the one command that installs them, in one line', () => {
    const line = missingLine([
      { name: 'Chromium', apt: 'chromium', present: () => false },
      { name: 'Dovecot', apt: 'dovecot-imapd', present: () => false },
    ]);
    expect(line).toBe(
      'The tests need Chromium and Dovecot, which this machine lacks: install with `apt-get install -y chromium dovecot-imapd` (or run `bash .ci/run`, which installs them).',
    );
    expect(line).not.toContain('\n');
    expect(missingLine([])).toBeUndefined();
  });

  it('refuses a package it does not know', () => {
    expect(() => missingPackages(['chrome'])).toThrow('Unknown system package "chrome".');
  });
});
