import Taro from '@tarojs/taro';
import { authEndpoints, type Me, type Session } from '@union/shared';
import { request } from './http';
import { clearSession, loadSession, saveMe, saveSession } from './session-store';

export { loadSession } from './session-store';

/** Silent WeChat login: no button needed, the code proves which WeChat user opened the app. */
export async function signInWithWechat(): Promise<Session> {
  const { code } = await Taro.login();
  return keep(await request(authEndpoints.wechatLogin, { body: { code } }));
}

/** Development only: H5 has no Taro.login, so a demo WeChat identity is picked by openid. */
export async function signInAsDemoUser(openid: string): Promise<Session> {
  return keep(await request(authEndpoints.devLogin, { body: { openid } }));
}

export async function signInWithPassword(username: string, password: string): Promise<Session> {
  return keep(await request(authEndpoints.passwordLogin, { body: { username, password } }));
}

export async function signOut(): Promise<void> {
  const refreshToken = loadSession()?.refreshToken;
  clearSession();
  // Revoking on the server is best effort: the local session is gone either way.
  if (refreshToken) await request(authEndpoints.logout, { body: { refreshToken } }).catch(() => undefined);
}

export async function fetchMe(): Promise<Me> {
  const me = await request(authEndpoints.me);
  saveMe(me);
  return me;
}

function keep(session: Session): Session {
  saveSession(session);
  return session;
}
