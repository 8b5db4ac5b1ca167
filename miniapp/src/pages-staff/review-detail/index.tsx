import { Button, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import type { JoinApplication } from '@union/shared';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../services/http';
import { approveApplication, fetchApplicationForReview, rejectApplication } from '../../services/join-review';
import { JOIN_STATUS_LABELS, OCCUPATION_LABELS } from '../../strings/membership';
import { formatDateTime } from '../../utils/datetime';
import { confirm, showMessage, showSuccess } from '../../utils/toast';
import { RejectForm } from './components/RejectForm';
import './index.css';

export default function ReviewDetailPage() {
  const [id, setId] = useState<string | null>(null);
  const [application, setApplication] = useState<JoinApplication | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(applicationId: string) {
    try {
      setApplication(await fetchApplicationForReview(applicationId));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    if (!params.id) return setError('缺少申请编号');
    setId(params.id);
    void load(params.id);
  });

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
          <DetailRow label="身份证号" value={application.idNumber} />
          <DetailRow label="手机号" value={application.mobile} />
          <DetailRow label="职业类别" value={OCCUPATION_LABELS[application.occupation]} />
          <DetailRow label="单位或平台" value={application.employer} />
          <DetailRow label="申请加入" value={application.orgName} />
          <DetailRow label="提交时间" value={formatDateTime(application.submittedAt)} />
          {application.decidedAt ? <DetailRow label="处理时间" value={formatDateTime(application.decidedAt)} /> : null}
          {application.memberNo ? <DetailRow label="会员号" value={application.memberNo} /> : null}
          {application.rejectReason ? <DetailRow label="未通过原因" value={application.rejectReason} /> : null}
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

function DetailRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="row">
      <Text className="muted">{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}
