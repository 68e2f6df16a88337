import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';

describe('a refusal of the core names its field in the reader\'s words (issue 16)', () => {
  const refusal = new DomainError('VALIDATION', { key: 'refusals:auth.pinTooEasyGuess' }, { fields: { pin: 'is too easy to guess' }, hint: 7 });

  it('shows the refusal beside the field in German, not the English note', () => {
    const details = refusal.detailsIn('de');
    expect(details).toEqual({ fields: { pin: refusal.messageIn('de') }, hint: 7 });
    expect(details?.fields).toEqual({ pin: expect.stringMatching(/^Diese PIN ist zu leicht zu erraten/) });
    expect(refusal.detailsIn('en')?.fields).toEqual({ pin: expect.stringMatching(/too easy to guess/) });
  });

  it('leaves details without fields as they are', () => {
    const details = { seat: 'A1' };
    expect(new DomainError('CONFLICT', 'Taken.', details).detailsIn('de')).toBe(details);
    expect(new DomainError('CONFLICT', 'Taken.').detailsIn('de')).toBeUndefined();
  });
});
