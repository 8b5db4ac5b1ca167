import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { AidApplication, AidProgramme, EligibilityCheck } from '@union/shared';
import { useEffect, useState } from 'react';
import { InfoRow } from '../../components/InfoRow';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { checkEligibility, fetchMyApplications, fetchOpenProgrammes, startApplication } from '../../services/aid';
import { errorMessage } from '../../services/http';
import { AID_STATUS_LABELS, DOCUMENT_KIND_LABELS, EDITABLE, EDUCATION_LEVEL_LABELS } from '../../strings/aid';
import { formatFen } from '../../utils/money';
import { showMessage } from '../../utils/toast';
import '../aid.css';

/** The open programmes: what they give, until when, what to prepare, and whether this member may apply. */
export default function AidProgrammePage() {
  const [programmes, setProgrammes] = useState<AidProgramme[] | null>(null);
  const [mine, setMine] = useState<AidApplication[]>([]);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    Promise.all([fetchOpenProgrammes(), fetchMyApplications()])
      .then(([open, applications]) => {
        setProgrammes(open);
        setMine(applications);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  return (
    <MemberPage testId="aid-programme-page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {programmes === null && !error ? <Text className="muted">正在加载…</Text> : null}
      {programmes?.length === 0 ? (
        <Text className="notice notice--info" data-testid="aid-no-programme">
          目前没有正在受理的助学项目，请留意工会通知。
        </Text>
      ) : null}
      {programmes?.map((programme) => (
        <ProgrammeCard
          key={programme.id}
          programme={programme}
          existing={mine.find((item) => item.programmeId === programme.id && item.status !== 'withdrawn') ?? null}
        />
      ))}
    </MemberPage>
  );
}

function ProgrammeCard({ programme, existing }: { programme: AidProgramme; existing: AidApplication | null }) {
  const [check, setCheck] = useState<EligibilityCheck | null>(null);
  const [busy, setBusy] = useState(false);

  // On mount, not on the page's show: the card appears only after the programmes load,
  // which in H5 is after the page's show event has already fired.
  useEffect(() => {
    checkEligibility(programme.id)
      .then(setCheck)
      .catch((e: unknown) => showMessage(errorMessage(e)));
  }, [programme.id]);

  async function start() {
    setBusy(true);
    try {
      const application = await startApplication(programme.id);
      void Taro.navigateTo({ url: `${ROUTES.aidForm}?id=${application.id}` });
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="aid-programme">
      <Text className="panel__title" data-testid="aid-programme-name">
        {programme.name}
      </Text>
      <InfoRow label="主办">{programme.orgName}</InfoRow>
      <InfoRow label="申请时间">{`${programme.applyFrom} 至 ${programme.applyTo}`}</InfoRow>
      <Text className="muted">资助标准</Text>
      {programme.tiers.map((tier) => (
        <View key={tier.educationLevel} className="row aid-tier" data-testid="aid-tier">
          <Text>{EDUCATION_LEVEL_LABELS[tier.educationLevel]}</Text>
          <Text>{formatFen(tier.amountFen)}</Text>
        </View>
      ))}
      {programme.requiredDocuments.length > 0 ? (
        <InfoRow label="需准备">
          {programme.requiredDocuments.map((kind) => DOCUMENT_KIND_LABELS[kind]).join('、')}
        </InfoRow>
      ) : null}

      {check && !check.eligible ? (
        <View className="notice notice--warn" data-testid="aid-ineligible">
          <Text>暂不符合申请条件：</Text>
          {check.reasons.map((reason) => (
            <Text key={reason.code} className="aid-reason" data-testid="aid-ineligible-reason">
              {reason.message}
            </Text>
          ))}
        </View>
      ) : null}
      {check?.eligible && !existing ? (
        <Text className="notice notice--info" data-testid="aid-eligible">
          符合申请条件。子女信息和家庭情况将在申请表中进一步核对。
        </Text>
      ) : null}

      {existing ? (
        <View className="row" data-testid="aid-existing">
          <Text>{`已有申请 · ${AID_STATUS_LABELS[existing.status]}`}</Text>
          <Button
            className="btn btn--small"
            onClick={() =>
              void Taro.navigateTo({
                url: `${EDITABLE.includes(existing.status) ? ROUTES.aidForm : ROUTES.aidApplication}?id=${existing.id}`,
              })
            }
            data-testid="aid-open-existing"
          >
            {existing.status === 'draft' ? '继续填写' : '查看'}
          </Button>
        </View>
      ) : (
        <Button
          className="btn btn--primary"
          disabled={busy || !check?.eligible || !programme.acceptingApplications}
          onClick={() => void start()}
          data-testid="aid-start"
        >
          {programme.acceptingApplications ? '开始申请' : '不在申请时间内'}
        </Button>
      )}
    </View>
  );
}
