import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, type ActivityDetail } from '@union/shared';
import { useCallback, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { fetchActivity } from '../../services/activities';
import { photoSrc } from '../../services/stations';
import { errorMessage } from '../../services/http';
import { formatFen } from '../../utils/money';
import { EntryActions } from '../components/EntryActions';
import { ContestResultsLink } from '../components/ContestResultsLink';
import { TeamPanel } from '../components/TeamPanel';
import { payForEntry } from '../entry-actions';
import { chinaTime, feeText, teamSizeRule } from '../format';
import { LotteryPanel } from './LotteryPanel';
import { SignUpForm } from './SignUpForm';
import '../activities.css';

const GENDER_LABELS = { male: '男', female: '女' } as const;

function audienceText(activity: ActivityDetail): string {
  const { audience } = activity;
  const parts = [`${audience.orgName}会员`];
  if (audience.gender) parts.push(`限${GENDER_LABELS[audience.gender]}性`);
  if (audience.minAge !== null || audience.maxAge !== null)
    parts.push(`年龄${audience.minAge ?? 0}–${audience.maxAge ?? '不限'}岁`);
  if (audience.hardshipFamiliesOnly) parts.push('仅限困难职工家庭');
  return parts.join('，');
}

/** 活动详情 and sign-up: sessions in China time, venue with 导航, fee, groups, rules and my entry. */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [activity, setActivity] = useState<ActivityDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchActivity(id)
      .then((detail) => {
        setActivity(detail);
        setError(null);
      })
      .catch((e) => setError(errorMessage(e)));
  }, [id]);
  useDidShow(load);

  const signedUp = async () => {
    const fresh = await fetchActivity(id).catch(() => null);
    if (fresh) setActivity(fresh);
    // A paid activity's place is held for payment: pay at once.
    if (fresh?.myEntry?.status === 'pending_payment' && (await payForEntry(fresh.myEntry.id))) load();
  };

  if (error) {
    return (
      <MemberPage testId="activity-page">
        <View className="notice notice--error" data-testid="activity-error">
          <Text>{error}</Text>
          <Button className="btn btn--small" onClick={load}>
            重试
          </Button>
        </View>
      </MemberPage>
    );
  }
  if (!activity) {
    return (
      <MemberPage testId="activity-page">
        <Text className="muted">正在加载…</Text>
      </MemberPage>
    );
  }
  const { venue, fee } = activity;
  const paid = fee.memberPaysFen > 0;
  return (
    <MemberPage testId="activity-page">
      {activity.posterUrl ? (
        <Image className="activity-poster" src={photoSrc(activity.posterUrl)} mode="aspectFill" />
      ) : null}
      <View className="panel activity-lines">
        <Text className="activity-card__title" data-testid="activity-title">
          {activity.title}
        </Text>
        <Text className="muted">{`${ACTIVITY_KIND_LABELS[activity.kind]} · ${activity.orgName}`}</Text>
        {activity.description ? <Text>{activity.description}</Text> : null}
      </View>
      <View className="panel activity-lines" data-testid="activity-sessions">
        <Text className="panel__title">{`场次（共${activity.sessions.length}场）`}</Text>
        {activity.sessions.map((s) => (
          <Text key={s.startsAt} data-testid="activity-session">{`${s.date} ${s.start}–${s.end}`}</Text>
        ))}
      </View>
      <View className="panel activity-lines" data-testid="activity-venue">
        <Text className="panel__title">地点</Text>
        {venue.kind === 'place' ? (
          <>
            <Text>{venue.name}</Text>
            <Text className="muted">{venue.address}</Text>
            <Button
              className="btn btn--small"
              data-testid="activity-navigate"
              onClick={() =>
                void Taro.openLocation({
                  latitude: venue.location.lat,
                  longitude: venue.location.lng,
                  name: venue.name,
                  address: venue.address,
                  scale: 16,
                })
              }
            >
              导航
            </Button>
          </>
        ) : (
          <Text>{`线上：${venue.name}`}</Text>
        )}
      </View>
      <View className="panel activity-lines" data-testid="activity-fee">
        <Text className="panel__title">费用</Text>
        <Text>
          {paid
            ? `会员实付 ${formatFen(fee.memberPaysFen)}${fee.subsidyFen > 0 ? `，工会补贴 ${formatFen(fee.subsidyFen)}` : ''}`
            : `${feeText(0)}${fee.subsidyFen > 0 ? `（工会补贴 ${formatFen(fee.subsidyFen)}）` : ''}`}
        </Text>
      </View>
      <View className="panel activity-lines" data-testid="activity-groups">
        <Text className="panel__title">组别与名额</Text>
        {activity.groups.map((g) => (
          <Text key={g.id} data-testid={`activity-group-${g.id}`}>
            {`${g.name}：${g.allocationLabel}，共${g.capacity}个名额，剩余${g.placesLeft}个${
              g.waitlistLength > 0 ? `，候补${g.waitlistLength}人` : ''
            }${g.team ? `，团队报名（${teamSizeRule(g.team)}）` : ''}`}
          </Text>
        ))}
      </View>
      <View className="panel activity-lines" data-testid="activity-rules">
        <Text className="panel__title">报名须知</Text>
        <Text>{`报名时间：${chinaTime(activity.signUpOpensAt)} 至 ${chinaTime(activity.signUpClosesAt)}`}</Text>
        <Text>{`取消截止：${chinaTime(activity.cancelDeadline)}`}</Text>
        <Text>{`递补名额须在${activity.offerHoldHours}小时内确认`}</Text>
        <Text>{`报名对象：${audienceText(activity)}`}</Text>
      </View>
      {activity.kind === 'skill_contest' ? <ContestResultsLink activityId={activity.id} /> : null}
      {activity.groups.some((g) => g.allocation === 'lottery') ? (
        <LotteryPanel activityId={activity.id} myEntryId={activity.myEntry?.id ?? null} />
      ) : null}
      {activity.myEntry ? (
        <View className="panel activity-lines" data-testid="activity-my-entry">
          <Text className="panel__title">我的报名</Text>
          <Text className="activity-state">{`${activity.myEntry.groupName}：${activity.myEntry.statusText}`}</Text>
          <EntryActions entry={activity.myEntry} paid={paid} onChanged={load} />
          <Button
            className="btn btn--ghost btn--small"
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.activityEntry}?id=${activity.myEntry!.id}` })}
          >
            查看报名详情
          </Button>
        </View>
      ) : activity.signUpProblem ? (
        <View className="notice" data-testid="activity-sign-up-problem">
          <Text>{activity.signUpProblem}</Text>
        </View>
      ) : (
        <SignUpForm activity={activity} onDone={() => void signedUp()} />
      )}
      {activity.myEntry?.team ? (
        <TeamPanel activityId={activity.id} activityTitle={activity.title} reloadKey={activity.myEntry} onLeft={load} />
      ) : null}
    </MemberPage>
  );
}
