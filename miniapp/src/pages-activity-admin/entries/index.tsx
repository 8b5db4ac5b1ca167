import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, useRouter } from '@tarojs/taro';
import { ENTRY_STATUSES, ENTRY_STATUS_LABELS, type EntryStatus } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { fetchEntries, fetchStaffActivity, type StaffActivityDetail } from '../services';
import { ENTRIES_TEXT as T } from '../strings';
import { EntryCard } from './components/EntryCard';
import { LotteryDraw } from './components/LotteryDraw';
import { RosterExport } from './components/RosterExport';
import './index.css';

type StatusFilter = 'all' | EntryStatus;
interface Filter {
  status: StatusFilter;
  groupId: string | null;
  /** Member number (in full or its last digits) or full name; names are shown masked. */
  q: string;
}

/**
 * 报名名单: filter by group and status, review or remove entries, export the roster, draw the
 * lottery once sign-up has closed, and 代报名. Search finds one person by member number or full
 * name (the list itself stays masked).
 */
export default function ActivityEntriesPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [filter, setFilter] = useState<Filter>({ status: 'all', groupId: null, q: '' });
  const [query, setQuery] = useState('');
  const [activity, setActivity] = useState<StaffActivityDetail | null>(null);
  const [activityError, setActivityError] = useState('');
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList((chosen: Filter, cursor?: string) =>
    fetchEntries(id, {
      status: chosen.status === 'all' ? undefined : chosen.status,
      groupId: chosen.groupId ?? undefined,
      q: chosen.q.trim() || undefined,
      cursor,
    }),
  );
  const reload = (chosen = filter) => load(chosen);
  const choose = (patch: Partial<Filter>) => {
    const next = { ...filter, ...patch };
    setFilter(next);
    void reload(next);
  };
  useDidShow(() => void reload());
  useLoad(() => {
    if (!id) return;
    fetchStaffActivity(id).then(setActivity, (failure: unknown) => setActivityError(errorMessage(failure)));
  });

  const groups = activity?.groups ?? [];
  const drawable = activity?.signUpState === 'closed' && groups.some((group) => group.allocation === 'lottery');
  const open = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className="page">
      <View className="row">
        <Button
          className="btn btn--small"
          onClick={() => open(`${ROUTES.activityAdminOnBehalf}?id=${id}`)}
          data-testid="entries-on-behalf"
        >
          {T.onBehalf}
        </Button>
        <Button className="btn btn--small" onClick={() => open(`${ROUTES.activityAdminStats}?id=${id}`)}>
          {T.stats}
        </Button>
      </View>
      {drawable ? <LotteryDraw activityId={id} onDrawn={() => void reload()} /> : null}
      <RosterExport activityId={id} />
      <View className="entries-search">
        <Input
          className="entries-search__input"
          value={query}
          maxlength={30}
          placeholder={T.searchPlaceholder}
          confirmType="search"
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => choose({ q: query })}
          data-testid="entry-search"
        />
        <Button className="btn btn--small" onClick={() => choose({ q: query })} data-testid="entry-search-submit">
          {T.search}
        </Button>
      </View>
      {groups.length > 1 ? (
        <View className="row" data-testid="entry-groups">
          <Chip on={filter.groupId === null} onClick={() => choose({ groupId: null })} testId="entry-group-all">
            {T.allGroups}
          </Chip>
          {groups.map((group) => (
            <Chip
              key={group.id}
              on={filter.groupId === group.id}
              onClick={() => choose({ groupId: group.id })}
              testId={`entry-group-${group.id}`}
            >
              {group.name}
            </Chip>
          ))}
        </View>
      ) : null}
      <View className="row">
        {(['all', ...ENTRY_STATUSES] as StatusFilter[]).map((option) => (
          <Chip
            key={option}
            on={filter.status === option}
            onClick={() => choose({ status: option })}
            testId={`entry-status-${option}`}
          >
            {option === 'all' ? T.allStatuses : ENTRY_STATUS_LABELS[option]}
          </Chip>
        ))}
      </View>
      {error || activityError ? <Text className="notice notice--error">{error || activityError}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info">{filter.q.trim() ? T.noMatch : T.empty}</Text>
      ) : null}
      {items.map((entry) => (
        <EntryCard key={entry.id} activityId={id} entry={entry} onChanged={() => void reload()} />
      ))}
      {nextCursor ? (
        <Button className="btn" disabled={busy} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
