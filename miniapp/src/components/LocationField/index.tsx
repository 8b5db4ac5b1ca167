import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isWeapp } from '../../utils/platform';
import { parsePastedCoordinates } from './parse-coordinates';
import './index.css';

/** Tencent's coordinate picker: search an address, copy the point (GCJ-02, as we store it). */
const COORDINATE_PICKER_URL = 'https://lbs.qq.com/getPoint/';

/**
 * WeChat's map (weapp), or Tencent's map picker in H5 when the build has a key for it
 * (TARO_APP_LOCATION_APIKEY): both search addresses and answer in GCJ-02.
 */
function canPickOnMap(): boolean {
  return isWeapp() || (typeof LOCATION_APIKEY === 'string' && LOCATION_APIKEY !== '');
}

interface LocationFieldProps {
  lat: string;
  lng: string;
  onChange: (lat: string, lng: string) => void;
  /** The picked place's address, offered when the address field is still empty. */
  onAddressFound: (address: string) => void;
  error?: string;
  /** Base for data-testid attributes: `<testId>-lat`, `<testId>-lng`, `<testId>-location-error`… */
  testId: string;
}

/**
 * Where a station or merchant is. The map picker when there is one; in a browser without it,
 * an address is looked up on Tencent's coordinate picker and the copied pair pasted here,
 * so nobody has to type two long decimals in the right order.
 */
export function LocationField({ lat, lng, onChange, onAddressFound, error, testId }: LocationFieldProps) {
  const [pasted, setPasted] = useState('');
  const pastedUnreadable = pasted.trim() !== '' && parsePastedCoordinates(pasted) === null;

  async function choose() {
    try {
      const current = lat && lng ? { latitude: Number(lat), longitude: Number(lng) } : {};
      const picked = await Taro.chooseLocation(current);
      onChange(String(picked.latitude), String(picked.longitude));
      if (picked.address) onAddressFound(picked.address);
    } catch {
      // Cancelled.
    }
  }

  function paste(text: string) {
    setPasted(text);
    const point = parsePastedCoordinates(text);
    if (point) onChange(point.lat, point.lng);
  }

  return (
    <View className="field" data-testid={`${testId}-location`}>
      <View className="field__row">
        <Text className="field__label">位置</Text>
        {canPickOnMap() ? (
          <Button className="btn btn--small" onClick={() => void choose()} data-testid={`${testId}-location-choose`}>
            {lat && lng ? '在地图上调整' : '在地图上选择'}
          </Button>
        ) : (
          <Text
            className="link"
            onClick={() => window.open(COORDINATE_PICKER_URL, '_blank', 'noopener')}
            data-testid={`${testId}-location-search`}
          >
            按地址查坐标
          </Text>
        )}
      </View>
      {isWeapp() ? null : (
        <View className="location-paste">
          <Input
            className="field__input location-paste__input"
            value={pasted}
            placeholder="粘贴坐标，如 30.2741,120.1551"
            onInput={(e) => paste(e.detail.value)}
            data-testid={`${testId}-location-paste`}
          />
          <Text className="muted location-paste__hint" data-testid={`${testId}-location-paste-hint`}>
            {pastedUnreadable
              ? '未识别出坐标：请粘贴“纬度,经度”两个数字'
              : '在坐标拾取器中搜索地址、点选位置，复制坐标粘贴到这里（高德的“经度,纬度”也可以）'}
          </Text>
        </View>
      )}
      <View className="field__row location-inputs">
        <Text className="muted location-inputs__label">纬度</Text>
        <Input
          className="field__input"
          type="digit"
          value={lat}
          placeholder="如 30.2741"
          onInput={(e) => onChange(e.detail.value, lng)}
          data-testid={`${testId}-lat`}
        />
        <Text className="muted location-inputs__label">经度</Text>
        <Input
          className="field__input"
          type="digit"
          value={lng}
          placeholder="如 120.1551"
          onInput={(e) => onChange(lat, e.detail.value)}
          data-testid={`${testId}-lng`}
        />
      </View>
      {error ? (
        <Text className="field__error" data-testid={`${testId}-location-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
