/**
 * Where the rider is, in GCJ-02. weapp asks WeChat (the privacy popup and the
 * location permission come first, handled by WeChat and components/PrivacyPopup).
 * H5 asks the browser, which answers in WGS-84 (GPS); Taro's H5 getLocation only
 * accepts `type: 'wgs84'`, and the point is shifted to GCJ-02 so distances to
 * stations and merchants are not a few hundred metres off.
 */
import Taro from '@tarojs/taro';
import type { LatLng } from '@union/shared';
import { wgs84ToGcj02 } from './gcj02';
import { isWeapp } from './platform';

export type LocateFailure = 'denied' | 'unavailable';

export class LocateError extends Error {
  constructor(readonly reason: LocateFailure) {
    super(reason);
    this.name = 'LocateError';
  }
}

/** A browser left waiting on its permission prompt never answers; give up and offer districts. */
const LOCATE_TIMEOUT_MS = 12_000;

export async function locateRider(): Promise<LatLng> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('getLocation:fail timeout')), LOCATE_TIMEOUT_MS);
  });
  try {
    const weapp = isWeapp();
    const result = await Promise.race([Taro.getLocation({ type: weapp ? 'gcj02' : 'wgs84' }), timeout]);
    const point = { lat: result.latitude, lng: result.longitude };
    return weapp ? point : wgs84ToGcj02(point);
  } catch (error) {
    throw new LocateError(refusedByUser(error) ? 'denied' : 'unavailable');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * WeChat: `getLocation:fail auth deny`, `… privacy permission is not authorized`,
 * `… system permission denied`; browsers: `User denied Geolocation`.
 */
function refusedByUser(error: unknown): boolean {
  const text =
    (error as { errMsg?: string; message?: string } | null)?.errMsg ?? (error as Error | null)?.message ?? '';
  return /auth|deny|denied|permission|privacy/i.test(text);
}
