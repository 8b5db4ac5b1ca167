import Taro from '@tarojs/taro';
import { ROUTES } from '../routes';
import { loadSession } from '../services/session-store';
import { confirm } from './toast';

/**
 * For actions on public pages that need an account (check-in, feedback): true when
 * signed in; otherwise offers the login page and returns false. weapp signs in
 * silently at launch, so this mostly concerns the browser version.
 */
export async function ensureSignedIn(action: string): Promise<boolean> {
  if (loadSession()) return true;
  if (await confirm('请先登录', `登录后才能${action}`)) void Taro.navigateTo({ url: ROUTES.login });
  return false;
}
