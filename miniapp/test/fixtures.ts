/** Contract-shaped data for tests, typed by @union/shared so a contract change breaks them. */
import type { JoinApplication, Me, MemberCard, Session } from '@union/shared';
import { taroTest } from './taro-mock';

export const MEMBER_ID = '64b7f0c2a1b2c3d4e5f60718';
export const ORG_ID = '64b7f0c2a1b2c3d4e5f60001';

export function me(overrides: Partial<Me> = {}): Me {
  return {
    id: '64b7f0c2a1b2c3d4e5f6aaaa',
    displayName: '微信用户',
    kind: 'wechat',
    roles: [],
    member: null,
    latestJoinApplication: null,
    merchant: null,
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'access-token-1',
    accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
    refreshToken: 'refresh-token-0123456789-abcdef',
    refreshTokenExpiresAt: '2030-01-31T00:00:00.000Z',
    me: me(),
    ...overrides,
  };
}

/** Stores a session as if the user had signed in earlier. */
export function signIn(overrides: Partial<Session> = {}): Session {
  const s = session(overrides);
  taroTest.storage.set('union.session', s);
  return s;
}

export function card(overrides: Partial<MemberCard> = {}): MemberCard {
  return {
    name: '张伟',
    maskedIdNumber: '1101**********1234',
    memberNo: 'M2026000123',
    orgName: '朝阳区快递行业工会联合会',
    joinedAt: '2025-06-01T08:00:00.000Z',
    status: 'active',
    qr: null,
    serverTime: new Date().toISOString(),
    ...overrides,
  };
}

export function joinApplication(overrides: Partial<JoinApplication> = {}): JoinApplication {
  return {
    id: '64b7f0c2a1b2c3d4e5f6bbbb',
    status: 'pending',
    orgId: ORG_ID,
    orgName: '朝阳区快递行业工会联合会',
    name: '王芳',
    idNumber: '1101**********002X',
    mobile: '139****0000',
    occupation: 'courier',
    employer: '顺丰速运',
    submittedAt: '2026-03-01T02:00:00.000Z',
    decidedAt: null,
    rejectReason: null,
    memberNo: null,
    ...overrides,
  };
}

export function apiError(
  statusCode: number,
  code: string,
  message: string,
  details?: { path: string; message: string }[],
) {
  return { statusCode, data: { error: { code, message, requestId: 'req-test', details } } };
}
