import { Picker, Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { ActivityOrgStatsQuerySchema, chinaDateOf, type ActivityOrgStats, type ActivityStats } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { stationManagementOrgs } from '../../utils/roles';
import { fetchActivityStats, fetchOrgActivityStats } from '../services';
import { STATS_TEXT as T } from '../strings';
import { ActivityStatsView } from './components/ActivityStatsView';
import { OrgStatsView } from './components/OrgStatsView';
import './index.css';

type StatsView = 'activity' | 'org';
interface Range {
  from: string;
  to: string;
  orgId?: string;
}

/**
 * 活动统计: one activity's figures when opened from it (`?id=`), and the org view over a date
 * range (this year by default, as the annual report counts), with the contract's definitions.
 */
export default function ActivityStatsPage() {
  const { params } = useRouter();
  const id = params.id || undefined;
  const me = loadSession()?.me ?? null;
  const orgs = me ? stationManagementOrgs(me) : [];
  const [view, setView] = useState<StatsView>(id ? 'activity' : 'org');
  const [activityStats, setActivityStats] = useState<ActivityStats | null>(null);
  const [orgStats, setOrgStats] = useState<ActivityOrgStats | null>(null);
  const today = chinaDateOf(new Date());
  const [range, setRange] = useState<Range>({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const [error, setError] = useState('');

  async function loadOrg(next: Range) {
    setRange(next);
    const query = ActivityOrgStatsQuerySchema.safeParse(next);
    if (!query.success) return setError(query.error.issues[0]?.message ?? '请检查日期');
    setError('');
    try {
      setOrgStats(await fetchOrgActivityStats(query.data));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function loadActivity() {
    if (!id) return;
    try {
      setActivityStats(await fetchActivityStats(id));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  useLoad(() => void (id ? loadActivity() : loadOrg(range)));

  function choose(next: StatsView) {
    setView(next);
    setError('');
    if (next === 'org' && !orgStats) void loadOrg(range);
    if (next === 'activity' && !activityStats) void loadActivity();
  }

  return (
    <View className="page">
      {id ? (
        <View className="row">
          <Chip on={view === 'activity'} onClick={() => choose('activity')} testId="stats-view-activity">
            {T.activityTitle}
          </Chip>
          <Chip on={view === 'org'} onClick={() => choose('org')} testId="stats-view-org">
            {T.orgTitle}
          </Chip>
        </View>
      ) : null}
      {view === 'org' ? (
        <View className="panel">
          <View className="row">
            <Text>{T.from}</Text>
            <Picker
              mode="date"
              value={range.from}
              onChange={(e) => void loadOrg({ ...range, from: e.detail.value })}
              data-testid="stats-from"
            >
              <Text className="time-box">{range.from}</Text>
            </Picker>
          </View>
          <View className="row">
            <Text>{T.to}</Text>
            <Picker
              mode="date"
              value={range.to}
              onChange={(e) => void loadOrg({ ...range, to: e.detail.value })}
              data-testid="stats-to"
            >
              <Text className="time-box">{range.to}</Text>
            </Picker>
          </View>
          {orgs.length > 1 ? (
            <View className="row">
              <Chip
                on={!range.orgId}
                onClick={() => void loadOrg({ ...range, orgId: undefined })}
                testId="stats-org-all"
              >
                全部
              </Chip>
              {orgs.map((org) => (
                <Chip
                  key={org.id}
                  on={range.orgId === org.id}
                  onClick={() => void loadOrg({ ...range, orgId: org.id })}
                  testId={`stats-org-${org.id}`}
                >
                  {org.name}
                </Chip>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
      {error ? (
        <Text className="notice notice--error" data-testid="stats-error">
          {error}
        </Text>
      ) : null}
      {view === 'activity' && activityStats ? <ActivityStatsView stats={activityStats} /> : null}
      {view === 'org' && orgStats ? <OrgStatsView stats={orgStats} /> : null}
    </View>
  );
}
