import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Chip } from '../../../components/Chip';
import { OpenState } from '../../../components/OpenState';
import { usePagedList } from '../../../hooks/use-paged-list';
import { ROUTES } from '../../../routes';
import { loadSession } from '../../../services/session-store';
import { fetchStaffStations } from '../../../services/stations';
import { STATION_STATUS_LABELS } from '../../../strings/stations';
import { canManageStations } from '../../../utils/roles';
import { exportSheet } from '../export-sheet';
import './index.css';

type StatusFilter = 'all' | 'open' | 'closed';
const STATUS_LABELS: Record<StatusFilter, string> = { all: '全部', ...STATION_STATUS_LABELS };

/** Stations in the staff member's organisations, searchable, with the tools to add many at once. */
export default function StaffStationsPage() {
  const me = loadSession()?.me ?? null;
  const manager = me ? canManageStations(me) : false;
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList(
    (search: { q: string; status: StatusFilter }, cursor?: string) =>
      fetchStaffStations({
        q: search.q.trim() || undefined,
        status: search.status === 'all' ? undefined : search.status,
        cursor,
      }),
  );

  const search = (chosen = status) => load({ q: query, status: chosen });

  // Reloaded on every show so edits, closures and imports are reflected.
  useDidShow(() => void search());

  function chooseStatus(next: StatusFilter) {
    setStatus(next);
    void search(next);
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
          onConfirm={() => void search()}
          data-testid="staff-station-search"
        />
        <Button className="btn btn--small" onClick={() => void search()} data-testid="staff-station-search-submit">
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
        <Button className="btn" disabled={busy} onClick={() => void loadMore()} data-testid="staff-station-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
