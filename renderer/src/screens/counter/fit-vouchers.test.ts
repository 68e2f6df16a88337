import { describe, expect, it } from 'vitest';
import { fitVouchers } from './fit-vouchers';
import type { AppliedVoucher } from './VoucherPayment';

const v = (code: string, amount: number) => ({ code, amount }) as AppliedVoucher;

describe('vouchers applied before the order got cheaper', () => {
  it('stay as they are while they fit', () => {
    expect(fitVouchers([v('A', 500), v('B', 300)], 1000)).toEqual([v('A', 500), v('B', 300)]);
  });

  it('give way from the last one: never more than due, never below zero left to pay', () => {
    expect(fitVouchers([v('A', 500), v('B', 300)], 600)).toEqual([v('A', 500), v('B', 100)]);
    expect(fitVouchers([v('A', 500), v('B', 300)], 400)).toEqual([v('A', 400)]);
    expect(fitVouchers([v('A', 500)], 0)).toEqual([]);
    expect(fitVouchers([v('A', 500)], -50)).toEqual([]);
  });
});
