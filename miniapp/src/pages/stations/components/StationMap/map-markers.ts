/** Turning the BFF's in-view answer into native map markers, and map regions into query boxes. */
import type { MapProps } from '@tarojs/components';
import type { EndpointResponse, LatLng, stationEndpoints } from '@union/shared';
import type { MapBounds } from '../../../../services/stations';

type InView = EndpointResponse<typeof stationEndpoints.inView>;
export type MarkerTarget = { kind: 'station'; id: string } | { kind: 'cluster'; location: LatLng };

/** The tab bar's pin icons, already in the main package: no extra image to ship. */
const OPEN_PIN = '/assets/tab/stations-active.png';
const CLOSED_PIN = '/assets/tab/stations.png';

/** Native markers need numeric ids; `targets[id]` says what each one stands for. */
export function toMapMarkers(inView: InView): { markers: MapProps.marker[]; targets: MarkerTarget[] } {
  const markers: MapProps.marker[] = [];
  const targets: MarkerTarget[] = [];
  inView.markers.forEach((marker, id) => {
    const base = { id, latitude: marker.location.lat, longitude: marker.location.lng, width: 30, height: 30 };
    if (marker.kind === 'station') {
      targets.push({ kind: 'station', id: marker.id });
      markers.push({
        ...base,
        iconPath: marker.openNow ? OPEN_PIN : CLOSED_PIN,
        callout: {
          content: marker.openNow ? marker.name : `${marker.name}（已打烊）`,
          color: '#1f1f1f',
          fontSize: 13,
          anchorX: 0,
          anchorY: 0,
          borderRadius: 6,
          borderWidth: 0,
          borderColor: '#ffffff',
          bgColor: '#ffffff',
          padding: 6,
          display: 'BYCLICK',
          textAlign: 'center',
        },
      });
    } else {
      targets.push({ kind: 'cluster', location: marker.location });
      markers.push({
        ...base,
        width: 36,
        height: 36,
        iconPath: OPEN_PIN,
        label: {
          content: `${marker.count}个`,
          color: '#ffffff',
          fontSize: 12,
          anchorX: -14,
          anchorY: -52,
          borderWidth: 0,
          borderColor: '#c8161d',
          borderRadius: 10,
          bgColor: '#c8161d',
          padding: 4,
          textAlign: 'center',
        },
      });
    }
  });
  return { markers, targets };
}

const METERS_PER_DEGREE = 111_320;

/** A square of `halfSideMeters` around a point: the first view, before the map reports its region. */
export function boundsAround(center: LatLng, halfSideMeters: number): MapBounds {
  const dLat = halfSideMeters / METERS_PER_DEGREE;
  const dLng = halfSideMeters / (METERS_PER_DEGREE * Math.cos((center.lat * Math.PI) / 180));
  return {
    southwest: { lat: center.lat - dLat, lng: center.lng - dLng },
    northeast: { lat: center.lat + dLat, lng: center.lng + dLng },
  };
}

interface Point {
  latitude: number;
  longitude: number;
}

/** WeChat's region (`{ northeast, southwest }`, from regionchange or MapContext.getRegion). */
export function boundsFromRegion(region: { northeast?: Point; southwest?: Point } | undefined): MapBounds | null {
  if (!region?.northeast || !region.southwest) return null;
  return {
    southwest: { lat: region.southwest.latitude, lng: region.southwest.longitude },
    northeast: { lat: region.northeast.latitude, lng: region.northeast.longitude },
  };
}
