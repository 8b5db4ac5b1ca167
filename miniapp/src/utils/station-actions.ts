/** The two one-tap actions every station offers: 导航 and 电话. */
import Taro from '@tarojs/taro';
import type { StationSummary } from '@union/shared';
import { isWeapp } from './platform';

type Navigable = Pick<StationSummary, 'name' | 'address' | 'location'>;

/**
 * weapp opens WeChat's own map page, from which the rider picks a navigation app.
 * Browsers have no such page (Taro.openLocation needs the WeChat JS-SDK), so H5 opens
 * Amap's public marker page, which also takes GCJ-02 and hands over to the map app.
 */
export function navigateToStation(station: Navigable): void {
  const { lat, lng } = station.location;
  if (isWeapp()) {
    void Taro.openLocation({ latitude: lat, longitude: lng, name: station.name, address: station.address, scale: 17 });
    return;
  }
  window.open(amapMarkerUrl(station), '_blank');
}

export function amapMarkerUrl(station: Navigable): string {
  const { lat, lng } = station.location;
  const name = encodeURIComponent(station.name);
  return `https://uri.amap.com/marker?position=${lng},${lat}&name=${name}&coordinate=gaode&callnative=1&src=union-stations`;
}

export function callStation(phone: string): void {
  // Cancelling the call sheet rejects; there is nothing to report.
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
}
