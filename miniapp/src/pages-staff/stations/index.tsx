import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { StationDetail } from '@union/shared';
import { useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { OpenState } from '../../components/OpenState';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { fetchStaffStations } from '../../services/stations';
import { STATION_STATUS_LABELS } from '../../strings/stations';
import { canManageStations } from '../../utils/roles';
import { exportSheet } from './export-sheet';
import './index.css';

type StatusFilter = 'all' | 'open' | 'closed';
const STATUS_LABELS: Record<StatusFilter, string> = { all: '全部', ...STATION_STATUS_LABELS };

/** Stations in the staff member's organisations, searchable, with the tools to add many at once. */
export default function StaffStationsPage() {
  const me = loadSession()?.me ?? null;
  const manager = me ? canManageStations(me) : false;
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [items, setItems] = useState<StationDetail[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  async function load(options: { q?: string; status?: StatusFilter; cursor?: string } = {}) {
    const call = ++latest.current;
    const q = (options.q ?? query).trim();
    const chosen = options.status ?? status;
    setBusy(true);
    try {
      const page = await fetchStaffStations({
        q: q || undefined,
        status: chosen === 'all' ? undefined : chosen,
        cursor: options.cursor,
      });
      if (call !== latest.current) return;
      setItems((current) => (options.cursor ? [...current, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) {
        setBusy(false);
        setLoaded(true);
      }
    }
  }

  // Reloaded on every show so edits, closures and imports are reflected.
  useDidShow(() => void load());

  function chooseStatus(next: StatusFilter) {
    setStatus(next);
    void load({ status: next });
  }

  const open = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className="page">
      <View className="panel staff-stations-tools">
        {manager ? (
          <View className="staff-stations-tools__row">
            <Button
              className="btn btn--small btn--primary"
              onClick={() => open(ROUTES.staffStationEdit)}
              data-testid="staff-station-create"
            >
              新建驿站
            </Button>
            <Button
              className="btn btn--small"
              onClick={() => open(ROUTES.staffStationImport)}
              data-testid="staff-station-import"
            >
              批量导入
            </Button>
            <Button className="btn btn--small" onClick={() => void exportSheet()} data-testid="staff-station-export">
              导出表格
            </Button>
          </View>
        ) : null}
        <Button
          className="btn btn--small"
          onClick={() => open(ROUTES.staffStationStats)}
          data-testid="staff-station-stats"
        >
          服务人次统计
        </Button>
      </View>

      <View className="staff-stations-search">
        <Input
          className="staff-stations-search__input"
          value={query}
          maxlength={30}
          placeholder="按名称或地址搜索"
          confirmType="search"
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => void load()}
          data-testid="staff-station-search"
        />
        <Button className="btn btn--small" onClick={() => void load()} data-testid="staff-station-search-submit">
          搜索
        </Button>
      </View>
      <View className="staff-stations-status">
        {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((option) => (
          <Chip
            key={option}
            on={status === option}
            onClick={() => chooseStatus(option)}
            testId={`staff-station-status-${option}`}
          >
            {STATUS_LABELS[option]}
          </Chip>
        ))}
      </View>

      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info" data-testid="staff-station-empty">
          {query.trim() ? '没有找到匹配的驿站' : '管辖范围内还没有驿站'}
        </Text>
      ) : null}
      {items.map((station) => (
        <View
          key={station.id}
          className="panel"
          onClick={() => open(`${ROUTES.staffStation}?id=${station.id}`)}
          data-testid="staff-station-item"
          data-station-id={station.id}
        >
          <View className="row">
            <Text className="panel__title staff-station-name">{station.name}</Text>
            <Text className={`tag ${station.status === 'open' ? 'tag--active' : 'tag--suspended'}`}>
              {STATION_STATUS_LABELS[station.status]}
            </Text>
          </View>
          <OpenState station={station} />
          <Text className="muted staff-station-line">{station.address}</Text>
          <Text className="muted staff-station-line">{station.orgName}</Text>
        </View>
      ))}
      {nextCursor ? (
        <Button
          className="btn"
          disabled={busy}
          onClick={() => void load({ cursor: nextCursor })}
          data-testid="staff-station-more"
        >
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
