import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { AidApplication } from '@union/shared';
import { useState } from 'react';
import { AidTimeline } from '../../components/AidTimeline';
import { InfoRow } from '../../components/InfoRow';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { fetchApplication, withdrawApplication } from '../../services/aid';
import { errorMessage } from '../../services/http';
import { AID_STATUS_LABELS, DOCUMENT_KIND_LABELS, EDUCATION_LEVEL_LABELS, WITHDRAWABLE } from '../../strings/aid';
import { formatDate } from '../../utils/datetime';
import { formatFen } from '../../utils/money';
import { confirm, showMessage, showSuccess } from '../../utils/toast';
import { ApplicationDocuments } from './components/ApplicationDocuments';
import '../aid.css';

/** One application: where it stands, what the member has to do next, and its timeline. */
export default function AidApplicationPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [application, setApplication] = useState<AidApplication | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // On every show: coming back from the form or a notification may have changed it.
  useDidShow(() => {
    if (!id) return setError('缺少申请编号');
    fetchApplication(id)
      .then((fetched) => {
        setApplication(fetched);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  async function withdraw() {
    if (!application) return;
    if (!(await confirm('撤回申请', '撤回后本次申请不再审核，确定撤回吗？'))) return;
    setBusy(true);
    try {
      setApplication(await withdrawApplication(application.id));
      showSuccess('已撤回');
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (!application) {
    return (
      <View className="page">
        {error ? <Text className="notice notice--error">{error}</Text> : <Text className="muted">正在加载…</Text>}
      </View>
    );
  }

  const openForm = () => void Taro.navigateTo({ url: `${ROUTES.aidForm}?id=${application.id}` });
  const returnNote = [...application.timeline].reverse().find((entry) => entry.action === 'returned')?.note;

  return (
    <MemberPage testId="aid-application-page">
      <View className="panel" data-testid="aid-application">
        <View className="row">
          <Text className="panel__title">{application.programmeName}</Text>
          <Text className={`tag tag--aid-${application.status}`} data-testid="aid-application-status">
            {AID_STATUS_LABELS[application.status]}
          </Text>
        </View>
        {application.currentStepLabel ? <InfoRow label="当前环节">{application.currentStepLabel}</InfoRow> : null}
        {application.child.name ? (
          <InfoRow label="子女">
            {`${application.child.name}${application.child.educationLevel ? ` · ${EDUCATION_LEVEL_LABELS[application.child.educationLevel]}` : ''}`}
          </InfoRow>
        ) : null}
        {application.amountFen !== null ? (
          <InfoRow label="资助金额">
            <Text data-testid="aid-amount">{formatFen(application.amountFen)}</Text>
          </InfoRow>
        ) : null}
        {application.noticeEndsAt && application.status === 'in_notice' ? (
          <InfoRow label="公示截止">{formatDate(application.noticeEndsAt)}</InfoRow>
        ) : null}
        {application.disbursement ? (
          <InfoRow label="发放日期">
            <Text data-testid="aid-paid-on">{application.disbursement.paidOn}</Text>
          </InfoRow>
        ) : null}
      </View>

      {application.status === 'returned' ? (
        <View className="panel" data-testid="aid-next-returned">
          <Text className="panel__title">需要您补充</Text>
          <Text className="aid-timeline__note" data-testid="aid-return-note">
            {returnNote ?? '请按审核意见补充材料'}
          </Text>
          <Button className="btn btn--primary" onClick={openForm} data-testid="aid-resubmit">
            补充材料并重新提交
          </Button>
        </View>
      ) : null}
      {application.status === 'draft' ? (
        <View className="panel" data-testid="aid-next-draft">
          <Text className="muted">申请尚未提交，填写完整并提交后才会进入审核。</Text>
          <Button className="btn btn--primary" onClick={openForm} data-testid="aid-continue">
            继续填写
          </Button>
        </View>
      ) : null}
      {application.missingDocuments.length > 0 && ['draft', 'returned'].includes(application.status) ? (
        <Text className="notice notice--warn" data-testid="aid-missing-documents">
          {`还缺少材料：${application.missingDocuments.map((kind) => DOCUMENT_KIND_LABELS[kind]).join('、')}`}
        </Text>
      ) : null}

      <ApplicationDocuments documents={application.documents} />

      <AidTimeline timeline={application.timeline} />

      {WITHDRAWABLE.includes(application.status) ? (
        <Button className="btn" disabled={busy} onClick={() => void withdraw()} data-testid="aid-withdraw">
          撤回申请
        </Button>
      ) : null}
    </MemberPage>
  );
}
