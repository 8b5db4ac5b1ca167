/**
 * WeChat (base library 2.32.3+, with `__usePrivacyCheck__`) pauses the first call to a
 * privacy-sensitive API or component and asks the app to show its own consent popup.
 * The listener is global, so it is registered once at launch; whichever page shows a
 * <PrivacyPopup/> answers it. H5 has no such flow, so nothing is registered there.
 */
import Taro from '@tarojs/taro';
import { isWeapp } from '../../utils/platform';

/** WeChat checks that the agree button with this id was really tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy-authorization';

type Resolve = Parameters<Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]>[0];

let pendingResolve: Resolve | null = null;
const subscribers = new Set<(asking: boolean) => void>();

export function watchPrivacyAuthorization(): void {
  if (!isWeapp() || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pendingResolve = resolve;
    subscribers.forEach((notify) => notify(true));
  });
}

export function answerPrivacyRequest(agreed: boolean): void {
  pendingResolve?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
  pendingResolve = null;
  subscribers.forEach((notify) => notify(false));
}

export function subscribeToPrivacyRequests(notify: (asking: boolean) => void): () => void {
  subscribers.add(notify);
  if (pendingResolve) notify(true);
  return () => subscribers.delete(notify);
}
