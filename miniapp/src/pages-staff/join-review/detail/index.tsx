import { Button, Text, View } from '@tarojs/components';
import type { JoinApplication } from '@union/shared';
import { useState } from 'react';
import { InfoRow } from '../../../components/InfoRow';
import { useRouteRecord } from '../../../hooks/useRouteRecord';
import { ApiError, errorMessage } from '../../../services/http';
import { approveApplication, fetchApplicationForReview, rejectApplication } from '../../../services/join-review';
import { JOIN_STATUS_LABELS, OCCUPATION_LABELS } from '../../../strings/membership';
import { formatDateTime } from '../../../utils/datetime';
import { confirm, showMessage, showSuccess } from '../../../utils/toast';
import { RejectForm } from './components/RejectForm';
import './index.css';

export default function JoinReviewDetailPage() {
  const {
    id,
    record: application,
    setRecord: setApplication,
    error,
    reload: load,
  } = useRouteRecord(fetchApplicationForReview);
  const [busy, setBusy] = useState(false);

  async function decide(action: () => Promise<JoinApplication>, doneMessage: string) {
    if (!id) return;
    setBusy(true);
    try {
      setApplication(await action());
      showSuccess(doneMessage);
    } catch (e) {
      showMessage(errorMessage(e));
      // 409: another reviewer got there first; show what they decided.
      if (e instanceof ApiError && e.status === 409) await load(id);
    } finally {
      setBusy(false);
    }
  }

  async function approve() {
    if (!id || !application) return;
    if (!(await confirm('批准入会', `批准 ${application.name} 加入「${application.orgName}」？`))) return;
    await decide(() => approveApplication(id), '已批准');
  }

  return (
    <View className="page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {application ? (
        <View className="panel" data-testid="review-detail">
          <View className="row">
            <Text className="panel__title">{application.name}</Text>
            <Text className={`tag tag--${application.status}`} data-testid="review-status">
              {JOIN_STATUS_LABELS[application.status]}
            </Text>
          </View>
          <InfoRow label="身份证号">{application.idNumber}</InfoRow>
          <InfoRow label="手机号">{application.mobile}</InfoRow>
          <InfoRow label="职业类别">{OCCUPATION_LABELS[application.occupation]}</InfoRow>
          <InfoRow label="单位或平台">{application.employer}</InfoRow>
          <InfoRow label="申请加入">{application.orgName}</InfoRow>
          <InfoRow label="提交时间">{formatDateTime(application.submittedAt)}</InfoRow>
          {application.decidedAt ? <InfoRow label="处理时间">{formatDateTime(application.decidedAt)}</InfoRow> : null}
          {application.memberNo ? <InfoRow label="会员号">{application.memberNo}</InfoRow> : null}
          {application.rejectReason ? <InfoRow label="未通过原因">{application.rejectReason}</InfoRow> : null}
        </View>
      ) : null}
      {application?.status === 'pending' ? (
        <>
          <Button className="btn btn--primary" disabled={busy} onClick={() => void approve()} data-testid="approve">
            批准入会
          </Button>
          <View className="review-reject">
            <RejectForm
              busy={busy}
              onReject={(reason) => void decide(() => rejectApplication(application.id, reason), '已处理')}
            />
          </View>
        </>
      ) : null}
    </View>
  );
}
