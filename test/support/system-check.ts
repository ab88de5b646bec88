// Before a test run: the system packages the suites need, checked in one place so a missing one
// is named in one line with the command that installs it, instead of surfacing as a launch error
// in every browser test. PostgreSQL is optional (its tests are skipped without it); Chromium
// and Dovecot are not. Usage: tsx test/support/system-check.ts chromium dovecot
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './browser';
import { postgresAvailable } from './postgres';

const DOVECOT_PATH = '/usr/sbin/dovecot';

interface SystemPackage {
  /** How the product speaks of it. */
  name: string;
  /** The Debian package that installs it. */
  apt: string;
  present: () => boolean;
  /** What is skipped without it; undefined when the tests need it. */
  skipped?: string;
}

const PACKAGES: Record<string, SystemPackage> = {
  chromium: { name: 'Chromium', apt: 'chromium', present: () => existsSync(CHROMIUM_PATH) },
  dovecot: { name: 'Dovecot', apt: 'dovecot-imapd', present: () => existsSync(DOVECOT_PATH) },
  postgresql: {
    name: 'PostgreSQL',
    apt: 'postgresql',
    present: postgresAvailable,
    skipped: 'the PostgreSQL sync-server tests are skipped',
  },
};

/** The packages asked for that this machine lacks, needed ones and optional ones apart. */
export function missingPackages(asked: readonly string[]): {
  needed: SystemPackage[];
  optional: SystemPackage[];
} {
  const missing = asked.map((key) => {
    const found = PACKAGES[key];
    if (found === undefined) throw new Error(`Unknown system package "${key}".`);
    return found;
  });
  const absent = missing.filter((p) => !p.present());
  return {
    needed: absent.filter((p) => p.skipped === undefined),
    optional: absent.filter((p) => p.skipped !== undefined),
  };
}

function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** One line naming what is missing and how to install it; undefined when nothing is. */
export function missingLine(packages: readonly SystemPackage[]): string | undefined {
  if (packages.length === 0) return undefined;
  const install = `apt-get install -y ${packages.map((p) => p.apt).join(' ')}`;
  return `The tests need ${listed(packages.map((p) => p.name))}, which this machine lacks: install with \`${install}\` (or run \`bash .ci/run\`, which installs them).`;
}

if (process.argv[1]?.endsWith('system-check.ts') === true) {
  const { needed, optional } = missingPackages(process.argv.slice(2));
  for (const p of optional)
    console.warn(`${p.name} is not installed: ${p.skipped} (install with \`apt-get install -y ${p.apt}\`).`);
  const line = missingLine(needed);
  if (line !== undefined) {
    console.error(line);
    process.exit(1);
  }
}
