/** Signing in, refreshing and ending a session, and the signed-in caller's own account. */
import type { Me, Session } from '@union/shared';
import type { AppContext } from '../../app-context';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { AuthenticationError, NotFoundError } from '../../http/errors';
import { AccountModel, type AccountDoc } from './account.model';
import type { Actor } from './actor';
import { verifyPassword } from './passwords';
import { presentMe } from './presenter';
import type { IssuedTokens } from './session-tokens';

async function presentSession(app: AppContext, tokens: IssuedTokens, account: AccountDoc): Promise<Session> {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
    me: await presentMe(account, app.accountLinks),
  };
}

async function startSession(app: AppContext, account: AccountDoc): Promise<Session> {
  if (account.disabled) throw AuthenticationError('账号已停用，请联系工会', 'account_disabled');
  return presentSession(app, await app.tokens.issue(account._id), account);
}

/** Finds the account of a WeChat user, creating it on first login (safely when two logins race). */
async function accountForOpenid(openid: string, unionid: string | null): Promise<AccountDoc> {
  const existing = await AccountModel.findOne({ openid }).lean<AccountDoc>();
  if (existing) return existing;
  try {
    const [created] = await AccountModel.create([
      { kind: 'wechat', openid, ...(unionid ? { unionid } : {}), displayName: '微信用户' },
    ]);
    return created!.toObject() as AccountDoc;
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    return (await AccountModel.findOne({ openid }).lean<AccountDoc>())!;
  }
}

export async function loginWithWechatCode(app: AppContext, code: string): Promise<Session> {
  const wechatSession = await app.wechat.code2Session(code);
  return startSession(app, await accountForOpenid(wechatSession.openid, wechatSession.unionid));
}

/** H5 in development has no `wx.login`: the emulator mints the code a phone would have got. */
export async function loginForDevelopment(app: AppContext, openid: string): Promise<Session> {
  if (app.config.NODE_ENV === 'production' || !app.wechatEmulator) throw NotFoundError('接口不存在');
  return loginWithWechatCode(app, app.wechatEmulator.mintLoginCode(openid));
}

export async function loginWithPassword(app: AppContext, username: string, password: string): Promise<Session> {
  const account = await AccountModel.findOne({ username, kind: 'staff' }).lean<AccountDoc>();
  const valid = await verifyPassword(account?.passwordHash, password);
  if (!account || !valid) throw AuthenticationError('用户名或密码错误', 'invalid_credentials');
  return startSession(app, account);
}

export async function refreshSession(app: AppContext, refreshToken: string): Promise<Session> {
  const { accountId, tokens } = await app.tokens.rotate(refreshToken);
  const account = await AccountModel.findById(accountId).lean<AccountDoc>();
  if (!account || account.disabled) throw AuthenticationError('账号不可用，请联系工会', 'account_disabled');
  return presentSession(app, tokens, account);
}

export async function logout(app: AppContext, refreshToken: string): Promise<{ ok: true }> {
  await app.tokens.revoke(refreshToken);
  return { ok: true };
}

export async function currentMe(app: AppContext, actor: Actor): Promise<Me> {
  const account = await AccountModel.findById(actor.accountId).lean<AccountDoc>();
  if (!account) throw AuthenticationError();
  return presentMe(account, app.accountLinks);
}
