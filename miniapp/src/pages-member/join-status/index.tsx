import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { JoinApplication } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { fetchMyJoinApplications, withdrawJoinApplication } from '../../services/membership';
import { JOIN_STATUS_LABELS, OCCUPATION_LABELS } from '../../strings/membership';
import { formatDateTime } from '../../utils/datetime';
import { confirm, showMessage, showSuccess } from '../../utils/toast';
import { InfoRow } from '../../components/InfoRow';

export default function JoinStatusPage() {
  const [applications, setApplications] = useState<JoinApplication[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    try {
      setApplications(await fetchMyJoinApplications());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  useDidShow(() => void load());

  async function withdraw(application: JoinApplication) {
    if (!(await confirm('撤回申请', `确定撤回向「${application.orgName}」提交的入会申请吗？`))) return;
    try {
      await withdrawJoinApplication(application.id);
      showSuccess('已撤回');
    } catch (e) {
      showMessage(errorMessage(e));
    }
    await load();
  }

  const canApplyAgain =
    applications !== null && !applications.some((a) => a.status === 'pending' || a.status === 'approved');

  return (
    <View className="page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {applications?.length === 0 ? <Text className="notice notice--info">您还没有提交过入会申请</Text> : null}
      {applications?.map((application) => (
        <View key={application.id} className="panel" data-testid="join-application">
          <View className="row">
            <Text className="panel__title">{application.orgName}</Text>
            <Text className={`tag tag--${application.status}`} data-testid="join-application-status">
              {JOIN_STATUS_LABELS[application.status]}
            </Text>
          </View>
          <View className="row">
            <Text className="muted">申请人</Text>
            <Text>
              {application.name} · {OCCUPATION_LABELS[application.occupation]}
            </Text>
          </View>
          <InfoRow label="提交时间">{formatDateTime(application.submittedAt)}</InfoRow>
          {application.status === 'pending' ? (
            <Text className="muted" data-testid="join-application-reviewer">
              {`由「${application.orgName}」或其上级工会的工作人员审核，结果会显示在这里`}
            </Text>
          ) : null}
          {application.status === 'approved' && application.memberNo ? (
            <View className="row">
              <Text className="muted">会员号</Text>
              <Text data-testid="join-application-member-no">{application.memberNo}</Text>
            </View>
          ) : null}
          {application.status === 'rejected' ? (
            <Text className="notice notice--warn">未通过原因：{application.rejectReason ?? '未说明'}</Text>
          ) : null}
          {application.status === 'pending' ? (
            <Button className="btn" onClick={() => void withdraw(application)}>
              撤回申请
            </Button>
          ) : null}
          {application.status === 'approved' ? (
            <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: ROUTES.card })}>
              查看电子会员卡
            </Button>
          ) : null}
        </View>
      ))}
      {canApplyAgain ? (
        <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: ROUTES.join })}>
          {applications.length === 0 ? '申请入会' : '重新申请'}
        </Button>
      ) : null}
    </View>
  );
}
