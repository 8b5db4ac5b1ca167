import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useRouteRecord } from '../../../hooks/useRouteRecord';
import { AidTimeline } from '../../../components/AidTimeline';
import { InfoRow } from '../../../components/InfoRow';
import { decideAid, fetchAidForReview, type AidDecision } from '../../../services/aid';
import { openDocument } from '../../../services/aid-files';
import { ApiError, errorMessage } from '../../../services/http';
import {
  AID_STATUS_LABELS,
  DOCUMENT_KIND_LABELS,
  EDUCATION_LEVEL_LABELS,
  HARDSHIP_LABELS,
  PAYMENT_METHOD_LABELS,
} from '../../../strings/aid';
import { formatDateTime } from '../../../utils/datetime';
import { fenToYuanInput, formatFen } from '../../../utils/money';
import { showMessage, showSuccess } from '../../../utils/toast';
import { DecisionPanel } from './components/DecisionPanel';
import { RevealRow } from './components/RevealRow';

const DONE: Record<AidDecision['action'], string> = { approve: '已通过', return: '已退回', reject: '已处理' };

/** One application as a reviewer sees it: personal numbers masked, documents behind signed links, and the decision. */
export default function AidReviewPage() {
  const { id, record: application, setRecord: setApplication, error, reload: load } = useRouteRecord(fetchAidForReview);
  const [busy, setBusy] = useState(false);
  /** Why the decision buttons went away when the reviewer did not expect it. */
  const [notice, setNotice] = useState<string | null>(null);

  async function decide(decision: AidDecision) {
    if (!id) return;
    setBusy(true);
    setNotice(null);
    try {
      // The answer is the application as it now stands, with the actions still open to this reviewer.
      setApplication(await decideAid(id, decision));
      showSuccess(DONE[decision.action]);
    } catch (e) {
      showMessage(errorMessage(e));
      // 409: another reviewer acted first; 403: the step has moved past this reviewer. Show the state as it is now.
      if (e instanceof ApiError && (e.status === 409 || e.status === 403)) {
        setNotice(e.message);
        await load(id);
      }
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

  const { child, household, payment } = application;
  const actions = application.reviewerActions ?? [];
  const open = application.status === 'in_review' || application.status === 'in_notice';
  return (
    <View className="page">
      <View className="panel" data-testid="aid-review">
        <View className="row">
          <Text className="panel__title">{application.applicant.name}</Text>
          <Text className="tag" data-testid="aid-review-status">
            {AID_STATUS_LABELS[application.status]}
          </Text>
        </View>
        <InfoRow label="所属工会">{application.applicant.orgName}</InfoRow>
        <InfoRow label="项目">{application.programmeName}</InfoRow>
        {application.currentStepLabel ? <InfoRow label="当前环节">{application.currentStepLabel}</InfoRow> : null}
        <RevealRow applicationId={application.id} label="申请人证件号" field="applicantIdNumber" masked="已脱敏" />
        {application.amountFen !== null ? <InfoRow label="资助金额">{formatFen(application.amountFen)}</InfoRow> : null}
      </View>

      <View className="panel">
        <Text className="panel__title">子女信息</Text>
        <InfoRow label="姓名">{child.name ?? ''}</InfoRow>
        <RevealRow
          applicationId={application.id}
          label="身份证号"
          field="childIdNumber"
          masked={child.idNumber ?? ''}
        />
        <InfoRow label="录取院校">{`${child.school ?? ''} ${child.major ?? ''}`}</InfoRow>
        <InfoRow label="录取层次">
          {`${child.educationLevel ? EDUCATION_LEVEL_LABELS[child.educationLevel] : ''} ${child.admissionYear ?? ''}`}
        </InfoRow>
      </View>

      <View className="panel">
        <Text className="panel__title">家庭情况</Text>
        <InfoRow label="家庭人口">{`${household.members ?? ''} 人`}</InfoRow>
        <InfoRow label="家庭年收入">
          {household.annualIncomeFen === undefined ? '' : `${fenToYuanInput(household.annualIncomeFen)} 元`}
        </InfoRow>
        <InfoRow label="困难类型">
          {household.hardshipCategory ? HARDSHIP_LABELS[household.hardshipCategory] : ''}
        </InfoRow>
        {household.situation ? <Text className="aid-timeline__note">{household.situation}</Text> : null}
      </View>

      <View className="panel">
        <Text className="panel__title">收款账户</Text>
        <InfoRow label="方式">{payment.method ? PAYMENT_METHOD_LABELS[payment.method] : ''}</InfoRow>
        <InfoRow label="开户银行">{payment.bankName ?? ''}</InfoRow>
        <InfoRow label="户名">{payment.accountName ?? ''}</InfoRow>
        <RevealRow
          applicationId={application.id}
          label="账号"
          field="accountNumber"
          masked={payment.accountNumber ?? ''}
        />
      </View>

      <View className="panel" data-testid="aid-review-documents">
        <Text className="panel__title">证明材料</Text>
        {application.documents.map((document) => (
          <View key={document.id} className="row">
            <Text>{DOCUMENT_KIND_LABELS[document.kind]}</Text>
            <Text
              className="link"
              onClick={() =>
                void openDocument(document.id, document.contentType).catch((e: unknown) => showMessage(errorMessage(e)))
              }
              data-testid="aid-review-document-open"
            >
              {`查看（${formatDateTime(document.uploadedAt)}）`}
            </Text>
          </View>
        ))}
        {application.missingDocuments.length > 0 ? (
          <Text className="notice notice--warn">
            {`缺少：${application.missingDocuments.map((kind) => DOCUMENT_KIND_LABELS[kind]).join('、')}`}
          </Text>
        ) : null}
      </View>

      <AidTimeline timeline={application.timeline} />

      {notice ? (
        <Text className="notice notice--warn" data-testid="aid-review-notice">
          {notice}
        </Text>
      ) : null}
      {actions.length > 0 ? (
        // Keyed by version: a decided application starts with an empty note.
        <DecisionPanel
          key={application.version}
          application={application}
          actions={actions}
          busy={busy}
          onDecide={(d) => void decide(d)}
        />
      ) : open && !notice ? (
        <Text className="notice notice--info" data-testid="aid-review-readonly">
          {`当前环节：${application.currentStepLabel ?? AID_STATUS_LABELS[application.status]}，不由您这一级决定，您可以查看`}
        </Text>
      ) : null}
    </View>
  );
}
