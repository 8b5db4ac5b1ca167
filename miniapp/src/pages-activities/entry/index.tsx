import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { ActivityDetail, ActivityEntry } from '@union/shared';
import { useCallback, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { fetchActivity, fetchMyEntries } from '../../services/activities';
import { errorMessage } from '../../services/http';
import { EntryActions } from '../components/EntryActions';
import { TeamPanel } from '../components/TeamPanel';
import { formatDateTimeChina } from '../format';
import '../activities.css';

/** There is no single-entry endpoint: look through 我的活动 (a few pages at most). */
async function findMyEntry(id: string): Promise<ActivityEntry | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const found = await fetchMyEntries('all', cursor);
    const entry = found.items.find((item) => item.id === id);
    if (entry) return entry;
    if (!found.nextCursor) return null;
    cursor = found.nextCursor;
  }
  return null;
}

/** One entry, where notifications land: status, cancel, confirm an offered place, team, 扫码签到. */
export default function EntryPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [entry, setEntry] = useState<ActivityEntry | null>(null);
  const [activity, setActivity] = useState<ActivityDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const found = await findMyEntry(id);
      if (!found) return setError('报名记录不存在');
      setEntry(found);
      setError(null);
      setActivity(await fetchActivity(found.activityId).catch(() => null));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());

  if (error) {
    return (
      <MemberPage testId="entry-page">
        <View className="notice notice--error" data-testid="entry-error">
          <Text>{error}</Text>
        </View>
      </MemberPage>
    );
  }
  if (!entry) {
    return (
      <MemberPage testId="entry-page">
        <Text className="muted">正在加载…</Text>
      </MemberPage>
    );
  }
  return (
    <MemberPage testId="entry-page">
      <View className="panel">
        <Text
          className="activity-card__title"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${entry.activityId}` })}
        >
          {entry.activityTitle}
        </Text>
        <Text className="muted">{`${entry.groupName} · 报名于 ${formatDateTimeChina(entry.createdAt)}`}</Text>
        <Text className="activity-state" data-testid="entry-status">
          {entry.statusText}
        </Text>
        <EntryActions
          entry={entry}
          paid={activity ? activity.fee.memberPaysFen > 0 : null}
          onChanged={() => void load()}
        />
      </View>
      {entry.team ? (
        <TeamPanel
          activityId={entry.activityId}
          activityTitle={entry.activityTitle}
          reloadKey={entry}
          // Leaving ends this entry for me: back to 我的活动.
          onLeft={() => void Taro.redirectTo({ url: ROUTES.myActivities })}
        />
      ) : null}
    </MemberPage>
  );
}
