/** In-app messages, and asking the member to allow WeChat subscribe messages about their application. */
import Taro from '@tarojs/taro';
import { notificationEndpoints } from '@union/shared';
import { isWeapp } from '../utils/platform';
import { request } from './http';

export function fetchNotifications() {
  return request(notificationEndpoints.list);
}

export function markNotificationRead(id: string) {
  return request(notificationEndpoints.markRead, { params: { id } });
}

/**
 * weapp only, and only from a tap (WeChat refuses otherwise): asks to send status changes
 * as subscribe messages. Refusal, a missing template or a failure never blocks the caller:
 * the in-app message list carries the same news.
 */
export async function requestAidStatusSubscription(): Promise<void> {
  if (!isWeapp()) return;
  try {
    const { aidStatus } = await request(notificationEndpoints.templates);
    if (!aidStatus) return;
    await Taro.requestSubscribeMessage({ tmplIds: [aidStatus], entityIds: [] });
  } catch {
    // Declined or unavailable: nothing to do.
  }
}
