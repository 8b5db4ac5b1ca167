import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isWeapp } from '../../utils/platform';
import './index.css';

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
 * weapp picks the point on WeChat's map (GCJ-02, as stations and merchants are stored); the
 * browser has no map here, so coordinates are typed, e.g. copied from Amap or Tencent Maps.
 */
export function LocationField({ lat, lng, onChange, onAddressFound, error, testId }: LocationFieldProps) {
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

  return (
    <View className="field" data-testid={`${testId}-location`}>
      <View className="field__row">
        <Text className="field__label">位置</Text>
        {isWeapp() ? (
          <Button className="btn btn--small" onClick={() => void choose()} data-testid={`${testId}-location-choose`}>
            {lat && lng ? '在地图上调整' : '在地图上选择'}
          </Button>
        ) : (
          <Text className="muted">填写高德或腾讯地图坐标（GCJ-02）</Text>
        )}
      </View>
      <View className="field__row location-inputs">
        <Text className="muted">纬度</Text>
        <Input
          className="field__input"
          type="digit"
          value={lat}
          placeholder="如 30.2741"
          onInput={(e) => onChange(e.detail.value, lng)}
          data-testid={`${testId}-lat`}
        />
        <Text className="muted">经度</Text>
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
