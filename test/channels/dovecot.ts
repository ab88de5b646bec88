// A throwaway Dovecot IMAP server for tests: 127.0.0.1 on a free port, a temp config, a temp
// maildir and passwd-file auth, started and stopped by the test. As root (CI containers) the
// internal processes run as Debian's dovecot/dovenull users; as anyone else, as that user.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export const DOVECOT = '/usr/sbin/dovecot';

export interface DovecotPeer {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [flag, name]).toString().trim());
}

async function waitForGreeting(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}`);
    const ready = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().includes('ready'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('dovecot did not greet on 127.0.0.1');
}

export async function startDovecot(): Promise<DovecotPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-dovecot-'));
  // Dovecot's unprivileged processes must reach their sockets under base_dir.
  chmodSync(dir, 0o755);
  for (const sub of ['base', 'state', 'mail']) mkdirSync(join(dir, sub));
  const isRoot = process.getuid?.() === 0;
  const me = userInfo();
  const internal = isRoot ? 'dovecot' : me.username;
  const login = isRoot ? 'dovenull' : me.username;
  const group = isRoot ? 'dovecot' : execFileSync('id', ['-gn']).toString().trim();
  const uid = isRoot ? idOf('-u', 'dovecot') : me.uid;
  const gid = isRoot ? idOf('-g', 'dovecot') : me.gid;
  if (isRoot) chownSync(join(dir, 'mail'), uid, gid);
  const password = 'imap-test-password';
  writeFileSync(
    join(dir, 'passwd'),
    `agent:{PLAIN}${password}:${uid}:${gid}::${join(dir, 'mail', 'agent')}\n`,
  );
  const port = await freePort();
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${join(dir, 'base')}`,
      `state_dir = ${join(dir, 'state')}`,
      `log_path = ${join(dir, 'dovecot.log')}`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `default_internal_user = ${internal}`,
      `default_internal_group = ${group}`,
      `default_login_user = ${login}`,
      'first_valid_uid = 1',
      'mail_location = maildir:~/Maildir',
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${join(dir, 'passwd')}`,
      '}',
      'userdb {',
      '  driver = passwd-file',
      `  args = username_format=%u ${join(dir, 'passwd')}`,
      '}',
      'service imap-login {',
      '  chroot =',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  try {
    await waitForGreeting(port, child);
  } catch (error) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    user: 'agent',
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
