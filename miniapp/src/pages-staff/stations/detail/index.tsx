import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { StationDetail } from '@union/shared';
import { useState } from 'react';
import { InfoRow } from '../../../components/InfoRow';
import { OpenState } from '../../../components/OpenState';
import { ROUTES } from '../../../routes';
import { errorMessage } from '../../../services/http';
import { loadSession } from '../../../services/session-store';
import { fetchStation } from '../../../services/stations';
import { STATION_STATUS_LABELS, STATION_TYPE_LABELS } from '../../../strings/stations';
import { canManageStations } from '../../../utils/roles';
import { CloseStationForm } from './components/CloseStationForm';
import { PhotoManager } from './components/PhotoManager';
import { WalkInForm } from './components/WalkInForm';
import './index.css';

/** One station for its keeper and union staff: visitors, poster, feedback and counts; editing for managers. */
export default function StaffStationPage() {
  const { params } = useRouter();
  const id = params.id;
  const me = loadSession()?.me ?? null;
  const manager = me ? canManageStations(me) : false;
  const [station, setStation] = useState<StationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Reloaded on every show: the editor may have changed it.
  useDidShow(() => {
    if (!id) return setError('缺少驿站编号');
    fetchStation(id)
      .then((loaded) => {
        setStation(loaded);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  if (!station) {
    return (
      <View className="page">
        {error ? <Text className="notice notice--error">{error}</Text> : <Text className="muted">正在加载…</Text>}
      </View>
    );
  }

  const open = (route: string, extra = '') =>
    void Taro.navigateTo({ url: `${route}?id=${station.id}&name=${encodeURIComponent(station.name)}${extra}` });

  return (
    <View className="page">
      <View className="panel" data-testid="staff-station-summary">
        <View className="row">
          <Text className="panel__title staff-station-title">{station.name}</Text>
          <Text className={`tag ${station.status === 'open' ? 'tag--active' : 'tag--suspended'}`}>
            {STATION_STATUS_LABELS[station.status]}
          </Text>
        </View>
        <OpenState station={station} />
        <InfoRow label="类型">{STATION_TYPE_LABELS[station.type]}</InfoRow>
        <InfoRow label="地址">{station.address}</InfoRow>
        <InfoRow label="所属工会">{station.orgName}</InfoRow>
        {station.phone ? <InfoRow label="电话">{station.phone}</InfoRow> : null}
        {manager ? (
          <Button className="btn" onClick={() => open(ROUTES.staffStationEdit)} data-testid="staff-station-edit">
            编辑信息与开放时间
          </Button>
        ) : null}
        {manager ? <CloseStationForm station={station} onChange={setStation} /> : null}
      </View>

      <WalkInForm stationId={station.id} />

      <View className="panel staff-station-links">
        <Button className="btn" onClick={() => open(ROUTES.staffStationPoster)} data-testid="staff-station-poster">
          打卡二维码海报
        </Button>
        <Button className="btn" onClick={() => open(ROUTES.staffStationFeedback)} data-testid="staff-station-feedback">
          评价与微心愿
        </Button>
        <Button
          className="btn"
          onClick={() =>
            void Taro.navigateTo({
              url: `${ROUTES.staffStationStats}?stationId=${station.id}&name=${encodeURIComponent(station.name)}`,
            })
          }
          data-testid="staff-station-stats-link"
        >
          服务人次统计
        </Button>
      </View>

      {manager ? <PhotoManager station={station} onChange={setStation} /> : null}
    </View>
  );
}
