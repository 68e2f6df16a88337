import { describe, expect, it } from 'vitest';
import { areasFor, resolveArea } from './areas';

describe('areas per role', () => {
  it('gives each role its own areas and the administrator all of them', () => {
    expect(areasFor('ADMIN').map((a) => a.id)).toEqual(['counter', 'door', 'programme', 'dashboard', 'reports', 'settlements', 'contracts', 'prices', 'setup', 'promocodes', 'concessions', 'stand', 'orders', 'users', 'backups', 'journal', 'sync']);
    expect(areasFor('MANAGER').map((a) => a.id)).toEqual(['programme', 'dashboard', 'reports', 'settlements', 'contracts', 'prices', 'setup', 'promocodes', 'concessions', 'stand', 'orders', 'journal', 'sync']);
    expect(areasFor('CASHIER').map((a) => a.id)).toEqual(['counter', 'stand', 'orders']);
    expect(areasFor('USHER').map((a) => a.id)).toEqual(['door']);
  });

  it('follows the address only into an area the role works in', () => {
    expect(resolveArea('#/door', 'ADMIN')?.id).toBe('door');
    expect(resolveArea('#/users', 'CASHIER')?.id).toBe('counter');
    expect(resolveArea('', 'USHER')?.id).toBe('door');
    expect(resolveArea('#/nowhere', 'MANAGER')?.id).toBe('programme');
  });
});
