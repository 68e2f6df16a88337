import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * The SCRAM-SHA-256 secret of a password, as PostgreSQL stores it (RFC 5802 / 7677). CREATE or
 * ALTER ROLE … PASSWORD is given this instead of the password, so the password never reaches the
 * server: no server log (log_statement) and no pg_stat_statements row can hold it. Passwords here
 * are ASCII, which SASLprep leaves as they are.
 */
export function scramSha256Secret(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** A fresh login password (192 random bits) and the secret the centre is given of it. */
export function newLoginPassword(): { password: string; secret: string } {
  const password = randomBytes(24).toString('base64url');
  return { password, secret: scramSha256Secret(password) };
}
