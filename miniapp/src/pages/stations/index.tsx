import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { MAX_SEARCH_RADIUS_METERS, type StationSummary } from '@union/shared';
import { useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ROUTES } from '../../routes';
import type { StationFilters } from '../../services/stations';
import { isWeapp } from '../../utils/platform';
import { AreaPicker } from './components/AreaPicker';
import { EmptyResult } from './components/EmptyResult';
import { FilterChips } from './components/FilterChips';
import { StationCard } from './components/StationCard';
import { StationMap } from './components/StationMap';
import type { LocateFailure } from '../../utils/locate';
import { useNearbyStations } from './use-nearby-stations';
import { useStationOrigin, type Origin } from './use-station-origin';
import './index.css';

const DEFAULT_RADIUS_METERS = 5000;
/** Open and closing-soon states go stale; coming back to the tab after this long refreshes them. */
const STALE_AFTER_MS = 5 * 60_000;
const NO_FILTERS: StationFilters = { amenities: [], openNow: false };

const FAILURE_TEXT: Record<LocateFailure, string> = {
  denied: '未获得定位权限',
  unavailable: '暂时无法获取您的位置',
};

/** Says where the list is measured from whenever it is not the rider's own position. */
function originNotice(origin: Origin | null, failure: LocateFailure | null): string | null {
  if (!origin || origin.kind === 'rider') return null;
  const where = origin.kind === 'city' ? '市中心' : origin.name;
  return failure
    ? `${FAILURE_TEXT[failure]}，已显示${where}附近的驿站，可切换区域`
    : `已显示${where}附近的驿站，距离从${where}算起`;
}

/** 驿站: the nearest open rest stations, on the map (weapp) and as a list, with one tap to go there. */
export default function StationsPage() {
  const place = useStationOrigin();
  const { origin, failure, areas } = place;
  const [filters, setFilters] = useState<StationFilters>(NO_FILTERS);
  const [radius, setRadius] = useState(DEFAULT_RADIUS_METERS);
  // null: automatic (open while the list falls back to the city centre); true/false once the rider chose.
  const [areaPickerChoice, setAreaPickerChoice] = useState<boolean | null>(null);
  const nearby = useNearbyStations(origin?.position ?? null, radius, filters);
  const filtered = filters.openNow || filters.amenities.length > 0;

  const refreshedAt = useRef(Date.now());

  useLoad(() => void place.locate());

  async function refresh() {
    refreshedAt.current = Date.now();
    // Riders move: a refresh asks for the position again unless they picked a district.
    if (!origin || origin.kind === 'rider') await place.locate();
    else await nearby.reload();
  }

  useDidShow(() => {
    if (Date.now() - refreshedAt.current > STALE_AFTER_MS) void refresh();
  });

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  async function enableLocation() {
    await Taro.openSetting({}).catch(() => undefined);
    await place.locate();
  }

  function openStation(id: string) {
    const at = origin?.kind === 'rider' ? `&lat=${origin.position.lat}&lng=${origin.position.lng}` : '';
    void Taro.navigateTo({ url: `${ROUTES.stationDetail}?id=${id}${at}` });
  }

  const notice = originNotice(origin, failure);
  const distanceFrom = !origin || origin.kind === 'rider' ? null : origin.kind === 'city' ? '市中心' : origin.name;
  const showAreas = Boolean(areas) && (areaPickerChoice ?? (failure !== null && origin?.kind === 'city'));

  return (
    <MemberPage className="stations-page" testId="stations-page">
      <FilterChips filters={filters} onChange={setFilters} />

      {place.locating && !origin ? (
        <Text className="notice notice--info" data-testid="location-pending">
          正在获取您的位置…
        </Text>
      ) : null}
      {notice ? (
        <Text className="notice notice--warn" data-testid="location-notice">
          {notice}
        </Text>
      ) : null}
      {!origin && !place.locating && place.areasError ? (
        <View className="notice notice--error" data-testid="stations-error">
          <Text>{`${failure ? `${FAILURE_TEXT[failure]}，` : ''}${place.areasError}`}</Text>
          <Button className="btn btn--small" onClick={() => void place.locate()}>
            重试
          </Button>
        </View>
      ) : null}

      <View className="stations-toolbar">
        {origin && origin.kind !== 'rider' ? (
          <Text className="link" onClick={() => void place.locate()} data-testid="use-my-location">
            {failure ? '重新定位' : '使用我的位置'}
          </Text>
        ) : null}
        {isWeapp() && failure === 'denied' ? (
          <Text className="link" onClick={() => void enableLocation()} data-testid="enable-location">
            开启定位
          </Text>
        ) : null}
        <Text
          className="link"
          onClick={() => {
            setAreaPickerChoice(!showAreas);
            if (!areas) void place.loadAreas().then(() => setAreaPickerChoice(true));
          }}
          data-testid="area-toggle"
        >
          {showAreas ? '收起区域' : '切换区域'}
        </Text>
        <Text className="link" onClick={() => void refresh()} data-testid="stations-refresh">
          刷新
        </Text>
      </View>

      {showAreas && areas ? (
        <AreaPicker
          areas={areas.areas}
          selected={origin?.kind === 'area' ? origin.orgId : origin?.kind === 'city' ? 'city' : null}
          hasCityCenter={areas.cityCenter !== null}
          onChooseArea={(area) => {
            place.chooseArea(area);
            setAreaPickerChoice(false);
          }}
          onChooseCityCenter={() => {
            place.chooseCityCenter();
            setAreaPickerChoice(false);
          }}
        />
      ) : null}

      {origin && isWeapp() ? (
        <StationMap
          center={origin.position}
          filters={filters}
          showRider={origin.kind === 'rider'}
          onOpenStation={openStation}
        />
      ) : null}
      {!isWeapp() ? (
        <Text className="muted stations-no-map" data-testid="map-unavailable-note">
          浏览器版暂不支持地图，已按距离列出附近驿站；在微信小程序中可查看地图。
        </Text>
      ) : null}

      {nearby.error ? (
        <View className="notice notice--error" data-testid="stations-error">
          <Text>{nearby.error}</Text>
          <Button className="btn btn--small" onClick={() => void nearby.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {nearby.loading && !nearby.items ? (
        <Text className="muted" data-testid="stations-loading">
          正在查找附近驿站…
        </Text>
      ) : null}
      {nearby.items?.length === 0 && !nearby.error ? (
        <EmptyResult
          radiusMeters={radius}
          filtered={filtered}
          onWiden={() => setRadius((r) => Math.min(r * 2, MAX_SEARCH_RADIUS_METERS))}
          onClearFilters={() => setFilters(NO_FILTERS)}
        />
      ) : null}
      <View data-testid="station-list">
        {nearby.items?.map((station: StationSummary) => (
          <StationCard
            key={station.id}
            station={station}
            distanceFrom={distanceFrom}
            onOpen={(s) => openStation(s.id)}
          />
        ))}
      </View>
      <PrivacyPopup />
    </MemberPage>
  );
}
