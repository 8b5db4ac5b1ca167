import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { AidProgramme, Me } from '@union/shared';
import { useState } from 'react';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { useMe } from '../../hooks/useMe';
import { ROUTES } from '../../routes';
import { fetchOpenProgrammes } from '../../services/aid';
import { loadSession } from '../../services/session-store';
import { openPage } from '../../utils/navigation';
import { staffEntryViews } from '../../utils/staff-entries';
import { EntryGrid, type Entry } from './components/EntryGrid';
import { Workbench } from './components/Workbench';
import './index.css';

/** The 金秋助学 entry names the programme open now, so members notice it in season. */
function aidEntry(programmes: AidProgramme[] | null): Entry {
  const open = programmes?.find((programme) => programme.acceptingApplications) ?? programmes?.[0];
  return {
    label: '金秋助学',
    hint: open ? `${open.name} · ${open.applyTo} 截止` : '子女升学资助，关注每年开放时间',
    onClick: () => openPage(ROUTES.aidProgramme),
    testId: 'home-aid',
  };
}

/** Open programmes for members; staff and signed-out visitors do not ask. */
function useOpenAidProgrammes(me: Me | null) {
  const [programmes, setProgrammes] = useState<AidProgramme[] | null>(null);
  useDidShow(() => {
    if (!loadSession() || loadSession()?.me.kind === 'staff') return;
    fetchOpenProgrammes()
      .then((items) => setProgrammes(Array.isArray(items) ? items : []))
      .catch(() => setProgrammes(null));
  });
  return me?.kind === 'staff' ? null : programmes;
}

/** The staff entries this account may use: a clerk's 核销 first, then card checks, reviews and management. */
function workbenchEntries(me: Me | null): Entry[] {
  if (!me) return [];
  return staffEntryViews(me).map((view) => ({
    label: view.label,
    hint: view.hint,
    onClick: () => openPage(view.route),
    testId: `home-${view.testId}`,
  }));
}

function memberEntries(me: Me | null, programmes: AidProgramme[] | null): Entry[] {
  if (me?.member) {
    return [
      { label: '电子会员卡', hint: '出示二维码享受会员服务', onClick: () => openPage(ROUTES.card) },
      aidEntry(programmes),
      {
        label: '活动',
        hint: '文体活动、技能竞赛、培训班与疗休养报名',
        onClick: () => openPage(ROUTES.activities),
        testId: 'home-activities',
      },
      {
        label: '知识竞赛',
        hint: '安全生产、工会法等在线答题',
        onClick: () => openPage(ROUTES.quizzes),
        testId: 'home-quizzes',
      },
    ];
  }
  const pending = me?.latestJoinApplication?.status === 'pending';
  return [
    { label: '实名绑定', hint: '已是会员？绑定后使用电子会员卡', onClick: () => openPage(ROUTES.bind) },
    pending
      ? { label: '入会进度', hint: '您的入会申请正在审核', onClick: () => openPage(ROUTES.joinStatus) }
      : { label: '申请入会', hint: '职工和新就业形态劳动者均可申请', onClick: () => openPage(ROUTES.join) },
    aidEntry(programmes),
  ];
}

export default function HomePage() {
  const { me, error } = useMe();
  const programmes = useOpenAidProgrammes(me);
  // A WeChat account bound as a merchant's clerk sees its counter above the member services.
  const workbench = workbenchEntries(me);
  return (
    <View className="page">
      <View className="home-banner">
        <Text className="home-banner__title">工会会员服务</Text>
        <Text className="home-banner__greeting">
          {me?.member ? `${me.member.maskedName}，您好` : '欢迎加入工会大家庭'}
        </Text>
      </View>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      <Workbench me={me} />
      {workbench.length > 0 ? (
        <View className="panel" data-testid="home-workbench">
          <Text className="panel__title">工作台</Text>
          <EntryGrid entries={workbench} />
        </View>
      ) : null}
      {me?.kind === 'staff' ? null : (
        <View className="panel">
          <Text className="panel__title">会员服务</Text>
          <EntryGrid entries={memberEntries(me, programmes)} />
        </View>
      )}
      <View className="panel">
        <Text className="panel__title">驿站与普惠</Text>
        <EntryGrid
          entries={[
            {
              label: '附近驿站',
              hint: '喝水、热饭、充电、歇脚',
              onClick: () => openPage(ROUTES.stations),
              testId: 'home-find-stations',
            },
            {
              label: '普惠优惠',
              hint: '会员专享折扣与补贴券',
              onClick: () => openPage(ROUTES.benefits),
              testId: 'home-benefits',
            },
            ...(me?.member
              ? [
                  {
                    label: '我的券',
                    hint: '到店出示券码使用',
                    onClick: () => openPage(ROUTES.myVouchers),
                    testId: 'home-my-vouchers',
                  },
                ]
              : []),
          ]}
        />
      </View>
      <PrivacyPopup />
    </View>
  );
}
