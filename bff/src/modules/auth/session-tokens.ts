/** Access tokens (short-lived JWT) and rotating refresh tokens. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Types } from 'mongoose';
import { AuthenticationError } from '../../http/errors';
import { RefreshTokenModel } from './refresh-token.model';

export interface SessionTokenSettings {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

const ISSUER = 'union-bff';
const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createSessionTokens(settings: SessionTokenSettings) {
  const key = new TextEncoder().encode(settings.jwtSecret);

  async function issue(accountId: Types.ObjectId | string, familyId: string = randomUUID()): Promise<IssuedTokens> {
    const now = Date.now();
    const accessTokenExpiresAt = new Date(now + settings.accessTokenTtlSeconds * 1000);
    const accessToken = await new SignJWT({ fam: familyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(accountId))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(accessTokenExpiresAt.getTime() / 1000))
      .sign(key);
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now + settings.refreshTokenTtlDays * 86_400_000);
    await RefreshTokenModel.create({
      tokenHash: digest(refreshToken),
      familyId,
      accountId,
      expiresAt: refreshTokenExpiresAt,
    });
    return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt };
  }

  /** Checks the signature and expiry, and that the session was not logged out or revoked since. */
  async function verifyAccessToken(token: string): Promise<{ accountId: string }> {
    let accountId: string;
    let familyId: string;
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub || typeof payload.fam !== 'string') throw new Error('incomplete token');
      accountId = payload.sub;
      familyId = payload.fam;
    } catch {
      throw AuthenticationError('登录已过期，请重新登录', 'access_token_invalid');
    }
    const live = await RefreshTokenModel.exists({ familyId, revokedAt: null });
    if (!live) throw AuthenticationError('登录已失效，请重新登录', 'session_revoked');
    return { accountId };
  }

  /** Exchanges a refresh token for a new pair, exactly once; a replayed token revokes its family. */
  async function rotate(refreshToken: string): Promise<{ accountId: string; tokens: IssuedTokens }> {
    const tokenHash = digest(refreshToken);
    const now = new Date();
    const claimed = await RefreshTokenModel.findOneAndUpdate(
      { tokenHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { new: true, lean: true },
    );
    if (!claimed) {
      const known = await RefreshTokenModel.findOne({ tokenHash }).lean();
      if (known?.usedAt && !known.revokedAt) {
        await RefreshTokenModel.updateMany({ familyId: known.familyId, revokedAt: null }, { $set: { revokedAt: now } });
        throw AuthenticationError(
          '登录凭证已被使用过，为保护账号安全已退出所有设备，请重新登录',
          'refresh_token_reused',
        );
      }
      throw AuthenticationError('登录已过期，请重新登录', 'refresh_token_invalid');
    }
    const tokens = await issue(claimed.accountId, claimed.familyId);
    return { accountId: String(claimed.accountId), tokens };
  }

  async function revoke(refreshToken: string): Promise<void> {
    const known = await RefreshTokenModel.findOne({ tokenHash: digest(refreshToken) }).lean();
    if (known)
      await RefreshTokenModel.updateMany(
        { familyId: known.familyId, revokedAt: null },
        { $set: { revokedAt: new Date() } },
      );
  }

  return { issue, verifyAccessToken, rotate, revoke };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
