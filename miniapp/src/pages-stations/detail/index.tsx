import { Button, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import type { LatLng, StationDetail } from '@union/shared';
import { useState } from 'react';
import { AmenityTags } from '../../components/AmenityTags';
import { MemberPage } from '../../components/MemberPage';
import { InfoRow } from '../../components/InfoRow';
import { OpenState } from '../../components/OpenState';
import { PhotoSwiper } from '../../components/PhotoSwiper';
import { errorMessage } from '../../services/http';
import { fetchStation } from '../../services/stations';
import { STATION_TYPE_LABELS } from '../../strings/stations';
import { callStation, navigateToStation } from '../../utils/station-actions';
import { distanceText, travelText } from '../../utils/station-text';
import { CheckInPanel } from './components/CheckInPanel';
import { FeedbackForm } from './components/FeedbackForm';
import { HoursPanel } from './components/HoursPanel';
import './index.css';

function positionFrom(params: Record<string, string | undefined>): LatLng | null {
  const lat = Number(params.lat);
  const lng = Number(params.lng);
  return params.lat && params.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
}

/** One station: photos, what it offers, when it is open, how to get there, and check-in and feedback. */
export default function StationDetailPage() {
  const [station, setStation] = useState<StationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLoad((params: Record<string, string | undefined>) => {
    if (!params.id) return setError('缺少驿站编号');
    // The list passes the rider's position so distance and travel times can be shown here too.
    fetchStation(params.id, positionFrom(params))
      .then(setStation)
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  if (error) {
    return (
      <View className="page">
        <Text className="notice notice--error" data-testid="station-detail-error">
          {error}
        </Text>
      </View>
    );
  }
  if (!station) {
    return (
      <View className="page">
        <Text className="muted">正在加载…</Text>
      </View>
    );
  }

  const travel = travelText(station);
  return (
    <MemberPage className="station-detail" testId="station-detail-page">
      <PhotoSwiper photos={station.photos} />
      <View className="panel">
        <View className="station-detail__head">
          <Text className="station-detail__name" data-testid="station-detail-name">
            {station.name}
          </Text>
          <Text className="tag">{STATION_TYPE_LABELS[station.type]}</Text>
        </View>
        <OpenState station={station} testId="station-detail-open-state" />
        {station.distanceMeters !== null ? (
          <Text className="station-detail__distance" data-testid="station-detail-distance">
            {`距您 ${distanceText(station.distanceMeters)}${travel ? ` · ${travel}` : ''}`}
          </Text>
        ) : null}
        <Text className="station-detail__address">{station.address}</Text>
        {station.hostName ? <InfoRow label="承办单位">{station.hostName}</InfoRow> : null}
        <InfoRow label="所属工会">{station.orgName}</InfoRow>
        {station.phone ? <InfoRow label="联系电话">{station.phone}</InfoRow> : null}
        <View className="station-detail__actions">
          <Button
            className="btn btn--primary"
            onClick={() => navigateToStation(station)}
            data-testid="station-detail-navigate"
          >
            导航
          </Button>
          {station.phone ? (
            <Button className="btn" onClick={() => callStation(station.phone)} data-testid="station-detail-call">
              电话
            </Button>
          ) : null}
        </View>
      </View>
      {station.status === 'closed' ? (
        <Text className="notice notice--warn" data-testid="station-detail-suspended">
          该驿站暂停服务，请选择附近其他驿站。
        </Text>
      ) : null}
      <View className="panel">
        <Text className="panel__title">服务设施</Text>
        {station.amenities.length > 0 ? (
          <AmenityTags amenities={station.amenities} testId="station-detail-amenities" />
        ) : (
          <Text className="muted">暂未登记服务设施</Text>
        )}
        {station.description ? <Text className="station-detail__description">{station.description}</Text> : null}
      </View>
      <HoursPanel hours={station.hours} />
      <CheckInPanel />
      <FeedbackForm stationId={station.id} />
    </MemberPage>
  );
}
