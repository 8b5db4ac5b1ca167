import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { AidApplication } from '@union/shared';
import { useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { fetchMyApplications } from '../../services/aid';
import { errorMessage } from '../../services/http';
import { AID_STATUS_LABELS } from '../../strings/aid';
import { formatDateTime } from '../../utils/datetime';
import '../aid.css';

/** Every application this member started, with where each one stands. */
export default function AidApplicationsPage() {
  const [items, setItems] = useState<AidApplication[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    fetchMyApplications()
      .then((applications) => {
        setItems(applications);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  return (
    <MemberPage testId="aid-applications-page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {items?.length === 0 ? (
        <View className="panel" data-testid="aid-applications-empty">
          <Text className="muted">还没有助学申请。</Text>
          <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: ROUTES.aidProgramme })}>
            查看金秋助学项目
          </Button>
        </View>
      ) : null}
      {items?.map((application) => (
        <View
          key={application.id}
          className="panel"
          data-testid="aid-application-item"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.aidApplication}?id=${application.id}` })}
        >
          <View className="row">
            <Text className="panel__title">{application.programmeName}</Text>
            <Text className={`tag tag--aid-${application.status}`} data-testid="aid-application-status">
              {AID_STATUS_LABELS[application.status]}
            </Text>
          </View>
          {/* A View per field: Texts are inline and would run together (子女：王小明更新于…). */}
          {application.child.name ? <View className="muted aid-line">{`子女：${application.child.name}`}</View> : null}
          {application.currentStepLabel ? (
            <View className="muted aid-line" data-testid="aid-application-step">
              {`当前环节：${application.currentStepLabel}`}
            </View>
          ) : null}
          <View className="muted aid-line">{`更新于 ${formatDateTime(application.updatedAt)}`}</View>
        </View>
      ))}
    </MemberPage>
  );
}
