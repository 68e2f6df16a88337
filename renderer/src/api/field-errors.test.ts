import { describe, expect, it } from 'vitest';
import { ApiCallError } from './api-call-error';
import { bannerFor, fieldErrorsOf } from './field-errors';

describe('fieldErrorsOf', () => {
  it('prefers details.fields when the server sends them', () => {
    const error = new ApiCallError('users.create', {
      code: 'VALIDATION',
      message: 'Please check the form.',
      details: { fields: { displayName: 'must not be empty', bogus: 3 } },
    });
    expect(fieldErrorsOf(error)).toEqual({ displayName: 'must not be empty' });
  });

  it('names no field for other refusals', () => {
    expect(fieldErrorsOf(new ApiCallError('users.setActive', { code: 'VALIDATION', message: 'You cannot deactivate your own account; ask another administrator.' }))).toEqual({});
    expect(fieldErrorsOf(new ApiCallError('users.create', { code: 'CONFLICT', message: 'The user name "x" is already taken.' }))).toEqual({});
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });
});

describe('bannerFor', () => {
  const error = new ApiCallError('users.create', {
    code: 'VALIDATION',
    message: 'Please check the form — username: must be at least 3 characters; password: must be at least 8 characters.',
    details: { fields: { username: 'must be at least 3 characters', password: 'must be at least 8 characters' } },
  });

  it('points to the fields when each problem is shown beside its field', () => {
    expect(bannerFor(error, ['username', 'displayName', 'role', 'password'])).toBe('Please check the fields marked below.');
  });

  it("keeps the server's whole message when a problem has no field on the form", () => {
    expect(bannerFor(error, ['password'])).toBe(error);
    const other = new ApiCallError('users.create', { code: 'CONFLICT', message: 'The user name "anna" is already taken.' });
    expect(bannerFor(other, ['username'])).toBe(other);
  });
});
