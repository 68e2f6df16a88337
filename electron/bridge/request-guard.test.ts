import { describe, expect, it } from 'vitest';
import { ownAddress, refusalOf } from './request-guard';

const own = ownAddress('127.0.0.1', 5174);
const api = (headers: Record<string, string | string[]>, path = '/api/auth.login', method = 'POST') => refusalOf({ method, path, headers }, own);

describe('request guard (issue 12, item 3)', () => {
  it('knows its own address as the browser writes it', () => {
    expect(own).toEqual({ host: '127.0.0.1:5174', origin: 'http://127.0.0.1:5174' });
    expect(ownAddress('::1', 8080)).toEqual({ host: '[::1]:8080', origin: 'http://[::1]:8080' });
    expect(ownAddress('127.0.0.1', 80)).toEqual({ host: '127.0.0.1', origin: 'http://127.0.0.1' });
  });

  it('serves its own page: own Host, same-origin or no Origin, JSON bodies', () => {
    expect(api({ host: '127.0.0.1:5174', 'content-type': 'application/json' })).toBeNull();
    expect(api({ host: '127.0.0.1:5174', 'content-type': 'Application/JSON; charset=utf-8', origin: 'http://127.0.0.1:5174', 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(api({ host: '127.0.0.1:5174' }, '/api/contract', 'GET')).toBeNull();
    expect(api({ host: '127.0.0.1:5174', 'sec-fetch-site': 'cross-site' }, '/counter', 'GET')).toBeNull();
  });

  it('refuses in this order: Host, origin, body type, first run from its own page', () => {
    expect(api({ host: 'evil.example:5174', 'content-type': 'text/plain', origin: 'http://evil.example' })).toMatchObject({ status: 403, message: expect.stringContaining('answers only at http://127.0.0.1:5174/') });
    expect(api({ 'content-type': 'application/json' })).toMatchObject({ status: 403 }); // no Host at all
    expect(api({ host: '127.0.0.1:5174', origin: 'http://evil.example', 'content-type': 'text/plain' })).toMatchObject({ status: 403, message: expect.stringContaining('another web page') });
    expect(api({ host: '127.0.0.1:5174', 'content-type': 'text/plain' })).toMatchObject({ status: 415, code: 'VALIDATION' });
    expect(api({ host: '127.0.0.1:5174', 'content-type': ['application/json', 'text/plain'] })).toMatchObject({ status: 415 });
    expect(api({ host: '127.0.0.1:5174', 'content-type': 'application/json' }, '/api/setup.createFirstAdmin')).toMatchObject({ status: 403, message: expect.stringContaining('own page') });
    expect(api({ host: '127.0.0.1:5174', 'content-type': 'application/json', origin: 'http://127.0.0.1:5174' }, '/api/sync.join')).toBeNull();
  });
});
