import { describe, expect, it } from 'vitest';
import { publicBaseUrl } from './public-base-url';

const request = { protocol: 'http', host: '127.0.0.1:3000' };

describe('the origin of links handed out', () => {
  it('is PUBLIC_BASE_URL when set, without a trailing slash', () => {
    expect(publicBaseUrl({ PUBLIC_BASE_URL: 'https://union.example.cn/' }, request)).toBe('https://union.example.cn');
  });

  it('is where the request came in when PUBLIC_BASE_URL is unset (development)', () => {
    expect(publicBaseUrl({ PUBLIC_BASE_URL: undefined }, request)).toBe('http://127.0.0.1:3000');
  });
});
