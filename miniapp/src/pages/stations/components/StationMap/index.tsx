import { Map, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LatLng } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { findStationsInView, type MapBounds, type StationFilters } from '../../../../services/stations';
import { boundsAround, boundsFromRegion, toMapMarkers, type MarkerTarget } from './map-markers';

const MAP_ID = 'station-map';
const FIRST_VIEW_HALF_SIDE_METERS = 2500;
/** Dragging fires many region changes; query once the map has settled. */
const SETTLE_MS = 300;

interface StationMapProps {
  center: LatLng;
  filters: StationFilters;
  showRider: boolean;
  onOpenStation: (id: string) => void;
}

/** weapp only: the native (Tencent) map with the stations in view; clusters zoom in when tapped. */
export function StationMap({ center, filters, showRider, onOpenStation }: StationMapProps) {
  const [view, setView] = useState({ center, scale: 14 });
  const [bounds, setBounds] = useState<MapBounds>(() => boundsAround(center, FIRST_VIEW_HALF_SIDE_METERS));
  const [shown, setShown] = useState<ReturnType<typeof toMapMarkers>>({ markers: [], targets: [] });
  const [total, setTotal] = useState<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(0);

  // A new origin (the rider moved, a district was chosen) recentres the map.
  const shownCenter = useRef(center);
  useEffect(() => {
    if (center === shownCenter.current) return;
    shownCenter.current = center;
    setView((current) => ({ ...current, center }));
    setBounds(boundsAround(center, FIRST_VIEW_HALF_SIDE_METERS));
  }, [center]);

  useEffect(() => {
    const call = ++latest.current;
    findStationsInView(bounds, filters)
      .then((inView) => {
        if (call !== latest.current) return;
        setShown(toMapMarkers(inView));
        setTotal(inView.total);
      })
      // The list below still works; a marker refresh failing is not worth an alert.
      .catch(() => undefined);
  }, [bounds, filters]);

  useEffect(() => () => clearTimeout(settle.current), []);

  const onRegionChange = useCallback((e: { type?: string; detail?: unknown }) => {
    const detail = e.detail as { type?: string; region?: Parameters<typeof boundsFromRegion>[0] } | undefined;
    if (e.type !== 'end' && detail?.type !== 'end') return;
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      const fromEvent = boundsFromRegion(detail?.region);
      if (fromEvent) return setBounds(fromEvent);
      // Older base libraries leave the region out of the event.
      Taro.createMapContext(MAP_ID).getRegion({
        success: (region) => {
          const read = boundsFromRegion(region);
          if (read) setBounds(read);
        },
      });
    }, SETTLE_MS);
  }, []);

  function onMarkerTap(e: { detail: { markerId?: number | string } }) {
    const target: MarkerTarget | undefined = shown.targets[Number(e.detail.markerId)];
    if (!target) return;
    if (target.kind === 'station') onOpenStation(target.id);
    else setView((current) => ({ center: target.location, scale: Math.min(current.scale + 2, 18) }));
  }

  return (
    <View className="station-map">
      <Map
        id={MAP_ID}
        className="station-map__map"
        latitude={view.center.lat}
        longitude={view.center.lng}
        scale={view.scale}
        markers={shown.markers}
        showLocation={showRider}
        onRegionChange={onRegionChange}
        onMarkerTap={onMarkerTap}
        onCalloutTap={onMarkerTap}
        onError={() => undefined}
        data-testid="station-map"
      />
      {total !== null ? <Text className="muted station-map__total">{`地图范围内共 ${total} 个驿站`}</Text> : null}
    </View>
  );
}
