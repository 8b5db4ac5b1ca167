import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { maySetUpAidProgrammes, type StaffAidProgramme } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../../routes';
import { fetchStaffProgrammes } from '../../../services/aid';
import { errorMessage } from '../../../services/http';
import { loadSession } from '../../../services/session-store';
import { EDUCATION_LEVEL_LABELS, reviewChainText } from '../../../strings/aid';
import { formatFen } from '../../../utils/money';

function programmeUrl(route: string, programme: StaffAidProgramme): string {
  return `${route}?programmeId=${programme.id}&name=${encodeURIComponent(programme.name)}`;
}

/** 助学项目: the programmes in this office's scope, with the way to disbursement and statistics, and a new one. */
export default function AidProgrammesPage() {
  const [programmes, setProgrammes] = useState<StaffAidProgramme[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Street and grassroots offices review applications but do not run programmes.
  const maySetUp = maySetUpAidProgrammes(loadSession()?.me.roles ?? []);

  // Reloaded on every show so a programme set up on the form appears when coming back.
  useDidShow(() => {
    fetchStaffProgrammes()
      .then((list) => {
        setProgrammes(list);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setLoaded(true));
  });

  return (
    <View className="page">
      {maySetUp ? (
        <Button
          className="btn btn--primary"
          onClick={() => void Taro.navigateTo({ url: ROUTES.staffAidProgrammeEdit })}
          data-testid="aid-programme-new"
        >
          设立助学项目
        </Button>
      ) : null}
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {loaded && !error && programmes.length === 0 ? (
        <Text className="notice notice--info">管辖范围内暂无助学项目</Text>
      ) : null}
      {programmes.map((programme) => (
        <View key={programme.id} className="panel" data-testid="aid-programme">
          <View className="row">
            <Text className="panel__title">{programme.name}</Text>
            <Text className={`tag ${programme.acceptingApplications ? 'tag--active' : ''}`}>
              {programme.acceptingApplications ? '申请中' : '不在申请期'}
            </Text>
          </View>
          {/* A View per line: Texts are inline and would run together (…2026-12-31研究生…). */}
          <View className="muted">{`${programme.orgName} · ${programme.applyFrom} 至 ${programme.applyTo}`}</View>
          <View className="muted">
            {`资助：${programme.tiers
              .map((tier) => `${EDUCATION_LEVEL_LABELS[tier.educationLevel]} ${formatFen(tier.amountFen)}`)
              .join('，')}`}
          </View>
          <View className="muted">{`审核：${reviewChainText(programme.reviewChain)}${
            programme.noticeDays > 0 ? ` → 公示 ${programme.noticeDays} 天` : ''
          }`}</View>
          <View className="row">
            {/* Payments are the running office's, or a district's for its own people: street unions only follow along. */}
            {programme.mayDisburse ? (
              <Button
                className="btn btn--small"
                onClick={() => void Taro.navigateTo({ url: programmeUrl(ROUTES.staffAidDisbursement, programme) })}
                data-testid="aid-programme-disburse"
              >
                发放登记
              </Button>
            ) : null}
            <Button
              className="btn btn--small"
              onClick={() => void Taro.navigateTo({ url: programmeUrl(ROUTES.staffAidStats, programme) })}
              data-testid="aid-programme-stats"
            >
              统计
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
