// Passwords are kept as scrypt (node:crypto) with a random salt and the cost in the record,
// so the cost can rise later without breaking older records. Never a plain hash.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, record: string | null): Promise<boolean> {
  // Without a record, still spend the same work, so timing does not tell which emails exist.
  const [scheme, n, r, p, salt, key] = (
    record ?? `scrypt$${COST.N}$${COST.r}$${COST.p}$AAAAAAAAAAAAAAAAAAAAAA$`
  ).split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const derived = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  const expected = Buffer.from(key, 'base64url');
  return record !== null && expected.length === derived.length && timingSafeEqual(expected, derived);
}
