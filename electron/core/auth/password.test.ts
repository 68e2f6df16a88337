import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashSecret('cashier1234');
    const b = await hashSecret('cashier1234');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifySecret('cashier1234', a)).toBe(true);
    expect(await verifySecret('cashier1235', a)).toBe(false);
    expect(await verifySecret('', a)).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifySecret('x', 'plain-text')).toBe(false);
    expect(await verifySecret('x', 'scrypt$1$2$3')).toBe(false);
  });
});
