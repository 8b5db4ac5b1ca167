import { describe, expect, it } from 'vitest';
import { fillPath } from './endpoint';

describe('fillPath', () => {
  it('fills a path parameter', () => {
    expect(fillPath('/api/members/:id', { id: '65a1b2c3d4e5f60718293a4b' })).toBe(
      '/api/members/65a1b2c3d4e5f60718293a4b',
    );
  });

  it('fills a parameter in the middle of a path and keeps the rest', () => {
    expect(fillPath('/api/join-applications/:id/withdraw', { id: 'abc' })).toBe('/api/join-applications/abc/withdraw');
  });

  it('fills several parameters', () => {
    expect(fillPath('/api/orgs/:orgId/members/:memberId', { orgId: 'o1', memberId: 'm2' })).toBe(
      '/api/orgs/o1/members/m2',
    );
  });

  it('URL-encodes the values so they cannot escape their path segment', () => {
    expect(fillPath('/api/members/:id', { id: '../admin' })).toBe('/api/members/..%2Fadmin');
    expect(fillPath('/api/members/:id', { id: 'a b?c=d#e' })).toBe('/api/members/a%20b%3Fc%3Dd%23e');
    expect(fillPath('/api/members/:id', { id: '张三' })).toBe('/api/members/%E5%BC%A0%E4%B8%89');
  });

  it('leaves a path without parameters unchanged', () => {
    expect(fillPath('/api/me')).toBe('/api/me');
    expect(fillPath('/api/me', { id: 'ignored' })).toBe('/api/me');
  });

  it('throws, naming the parameter, when one is missing', () => {
    expect(() => fillPath('/api/members/:id')).toThrow(/missing path parameter id/);
    expect(() => fillPath('/api/members/:id', { other: 'x' })).toThrow(/missing path parameter id/);
    expect(() => fillPath('/api/orgs/:orgId/members/:memberId', { orgId: 'o1' })).toThrow(/memberId/);
  });
});
