/** Access tokens (short-lived JWT) and rotating refresh tokens. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Types } from 'mongoose';
import { updateIfAndRead } from '../../db/conditional-update';
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
    // Marking it used is the compare-and-set that lets exactly one of parallel presentations rotate.
    const claimed = await updateIfAndRead(
      RefreshTokenModel,
      { key: { tokenHash }, when: { usedAt: null, revokedAt: null, expiresAt: { $gt: now } } },
      { $set: { usedAt: now } },
    );
    if (!claimed) {
      const known = await RefreshTokenModel.findOne({ tokenHash }).lean();
      if (known?.usedAt && !known.revokedAt) {
        await revokeFamily(known, now);
        throw AuthenticationError(
          '登录凭证已被使用过，为保护账号安全已退出所有设备，请重新登录',
          'refresh_token_reused',
        );
      }
      throw AuthenticationError('登录已过期，请重新登录', 'refresh_token_invalid');
    }
    const tokens = await issue(claimed.accountId, claimed.familyId);
    // A replay (or a logout) of this family may have revoked it while the new token was being
    // stored, and that revocation could not see the new token. Stored first, checked second:
    // see revokeFamily for why one of the two sides always catches it.
    if (await RefreshTokenModel.exists({ familyId: claimed.familyId, revokedAt: { $ne: null } })) {
      await RefreshTokenModel.updateMany(
        { familyId: claimed.familyId, revokedAt: null },
        { $set: { revokedAt: new Date() } },
      );
    }
    return { accountId: String(claimed.accountId), tokens };
  }

  /**
   * Logs a whole family out. The presented token is revoked first, on its own, and only then
   * the rest: a rotation racing with this stores its new token and then looks for a revoked
   * token in the family. Either that look comes after the first write here and it revokes its
   * new token itself, or it came before, so the token was stored before the second write here
   * began, and that write revokes it. (One family-wide write alone gives no such order.)
   */
  async function revokeFamily(presented: { _id: Types.ObjectId; familyId: string }, at: Date): Promise<void> {
    await RefreshTokenModel.updateOne({ _id: presented._id, revokedAt: null }, { $set: { revokedAt: at } });
    await RefreshTokenModel.updateMany({ familyId: presented.familyId, revokedAt: null }, { $set: { revokedAt: at } });
  }

  async function revoke(refreshToken: string): Promise<void> {
    const known = await RefreshTokenModel.findOne({ tokenHash: digest(refreshToken) }).lean();
    if (known) await revokeFamily(known, new Date());
  }

  return { issue, verifyAccessToken, rotate, revoke };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
