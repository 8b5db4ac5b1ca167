/**
 * Personal data kept on the phone so a page still opens where the member has no signal
 * (a basement station or shop, a lift): the union card, vouchers. Each copy is tied to the
 * signed-in account and removed at sign-out with the rest of the session (OFFLINE_COPY_KEYS).
 */
import Taro from '@tarojs/taro';
import { loadSession, type OfflineCopyKey } from './session-store';

type Stored<T> = T & { accountId: string };

export function saveOfflineCopy<T extends object>(key: OfflineCopyKey, copy: T): void {
  const accountId = loadSession()?.me.id;
  if (accountId) Taro.setStorageSync(key, { ...copy, accountId } satisfies Stored<T>);
}

/** The copy saved under `key` by the account now signed in, or null. */
export function loadOfflineCopy<T extends object>(key: OfflineCopyKey): T | null {
  const stored = Taro.getStorageSync(key) as Stored<T> | '' | undefined;
  if (!stored || typeof stored !== 'object' || stored.accountId !== loadSession()?.me.id) return null;
  const { accountId: _accountId, ...copy } = stored;
  return copy as unknown as T;
}

export function removeOfflineCopy(key: OfflineCopyKey): void {
  Taro.removeStorageSync(key);
}
