import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useLoad } from '@tarojs/taro';
import type { AidApplication, AidProgramme } from '@union/shared';
import { useState, useCallback } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { fetchApplication, fetchOpenProgrammes, submitApplication } from '../../services/aid';
import { ApiError, errorMessage } from '../../services/http';
import { requestAidStatusSubscription } from '../../services/notifications';
import { AID_FORM_STEPS, EDITABLE } from '../../strings/aid';
import { showSuccess } from '../../utils/toast';
import { ChildStep, HouseholdStep, PaymentStep } from './components/FormSteps';
import { ConfirmStep } from './components/ConfirmStep';
import { DocumentsStep } from './components/DocumentsStep';
import { clearLocalDraft, loadLocalDraft } from './draft-store';
import {
  CONFIRM_STEP,
  DOCUMENTS_STEP,
  emptyValues,
  fieldKey,
  stepOfPath,
  validateStep,
  valuesFromApplication,
  type AidFieldErrors,
  type AidFormValues,
} from './form-model';
import { useDraftSync, type SaveState } from './use-draft-sync';
import '../aid.css';

const SAVE_STATE_TEXT: Record<SaveState, string> = {
  idle: '',
  saving: '正在保存…',
  saved: '已自动保存',
  offline: '网络不可用，已保存在本机，联网后自动上传',
  failed: '保存失败',
};

/**
 * The application form in five steps. Each step is saved to the server as a draft when
 * it is left, and everything typed is also kept on the phone, so a lost connection or a
 * closed page never loses the member's work; reopening resumes where they were.
 */
export default function AidFormPage() {
  const [application, setApplicationState] = useState<AidApplication | null>(null);
  // Saves and uploads can answer out of order: keep the newest copy the server sent.
  const setApplication = useCallback(
    (next: AidApplication) =>
      setApplicationState((current) =>
        current && current.id === next.id && current.version > next.version ? current : next,
      ),
    [],
  );
  const [programme, setProgramme] = useState<AidProgramme | null>(null);
  const [values, setValues] = useState<AidFormValues>(emptyValues);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<AidFieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sync = useDraftSync(application?.id ?? null, setApplication);

  useLoad((params: Record<string, string | undefined>) => {
    if (!params.id) return setError('缺少申请编号');
    void open(params.id);
  });

  // Leaving the page (back, home, another app) sends whatever is unsent.
  useDidHide(() => void sync.flush());

  async function open(id: string) {
    try {
      const fetched = await fetchApplication(id);
      setApplication(fetched);
      const local = loadLocalDraft(id);
      // What was typed but never confirmed by the server is newer than the server's copy.
      const resumed = local?.unsent ? local.values : valuesFromApplication(fetched);
      setValues(resumed);
      setStep(local?.step ?? 0);
      sync.restore(id, resumed, local?.step ?? 0, Boolean(local?.unsent));
      fetchOpenProgrammes()
        .then((items) => setProgramme(items.find((item) => item.id === fetched.programmeId) ?? null))
        .catch(() => undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function update(next: AidFormValues) {
    setValues(next);
    sync.remember(next, step);
  }

  function patch<K extends 'child' | 'household' | 'payment'>(group: K) {
    return (change: Partial<AidFormValues[K]>) => update({ ...values, [group]: { ...values[group], ...change } });
  }

  function goTo(target: number) {
    setStep(target);
    sync.remember(values, target);
    void sync.flush();
  }

  function next() {
    const stepErrors = validateStep(step, values);
    setErrors(stepErrors);
    // Saved even when incomplete: the draft keeps whatever is already right.
    if (Object.keys(stepErrors).length > 0) return void sync.flush();
    goTo(step + 1);
  }

  async function submit() {
    if (!application) return;
    for (let check = 0; check <= CONFIRM_STEP; check += 1) {
      const stepErrors = validateStep(check, values);
      if (Object.keys(stepErrors).length > 0) {
        setErrors(stepErrors);
        setStep(check);
        return;
      }
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      // Asked at the tap that submits: WeChat allows the prompt only from a user action.
      await requestAidStatusSubscription();
      if (!(await sync.flush())) throw new ApiError(0, 'draft_unsaved', '申请内容尚未保存到服务器，请联网后重试');
      await submitApplication(application.id);
      clearLocalDraft(application.id);
      showSuccess('已提交');
      void Taro.redirectTo({ url: `${ROUTES.aidApplication}?id=${application.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        const mapped: AidFieldErrors = {};
        for (const detail of e.details) mapped[fieldKey(detail.path)] ??= detail.message;
        setErrors(mapped);
        setStep(Math.min(...e.details.map((detail) => stepOfPath(detail.path))));
      }
      setError(errorMessage(e));
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

  if (!EDITABLE.includes(application.status)) {
    return (
      <View className="page">
        <Text className="notice notice--info" data-testid="aid-form-locked">
          该申请已提交，暂不能修改。
        </Text>
        <Button
          className="btn"
          onClick={() => void Taro.redirectTo({ url: `${ROUTES.aidApplication}?id=${application.id}` })}
        >
          查看进度
        </Button>
      </View>
    );
  }

  return (
    <MemberPage testId="aid-form-page">
      <View className="aid-steps" data-testid="aid-steps">
        {AID_FORM_STEPS.map((label, index) => (
          <Text
            key={label}
            className={`aid-steps__item ${index === step ? 'aid-steps__item--current' : ''}`}
            data-testid={index === step ? 'aid-current-step' : undefined}
          >
            {label}
          </Text>
        ))}
      </View>
      {application.status === 'returned' ? <ReturnNote application={application} /> : null}
      <View className="panel">
        <Text className="panel__title">{AID_FORM_STEPS[step]}</Text>
        {step === 0 ? <ChildStep values={values.child} errors={errors} onChange={patch('child')} /> : null}
        {step === 1 ? <HouseholdStep values={values.household} errors={errors} onChange={patch('household')} /> : null}
        {step === 2 ? <PaymentStep values={values.payment} errors={errors} onChange={patch('payment')} /> : null}
        {step === DOCUMENTS_STEP ? (
          <DocumentsStep
            application={application}
            requiredKinds={programme?.requiredDocuments ?? []}
            onChange={setApplication}
          />
        ) : null}
        {step === CONFIRM_STEP ? (
          <ConfirmStep
            values={values}
            application={application}
            errors={errors}
            onDeclaration={(declarationAccepted) => update({ ...values, declarationAccepted })}
          />
        ) : null}
        <Text className="aid-save-state" data-testid="aid-save-state">
          {sync.failure ?? SAVE_STATE_TEXT[sync.state]}
        </Text>
      </View>
      {error ? (
        <Text className="notice notice--error" data-testid="aid-form-error">
          {error}
        </Text>
      ) : null}
      <View className="aid-nav">
        {step > 0 ? (
          <Button className="btn" onClick={() => goTo(step - 1)} data-testid="aid-prev">
            上一步
          </Button>
        ) : null}
        {step < CONFIRM_STEP ? (
          <Button className="btn btn--primary" onClick={next} data-testid="aid-next">
            下一步
          </Button>
        ) : (
          <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="aid-submit">
            {application.status === 'returned' ? '重新提交' : '提交申请'}
          </Button>
        )}
      </View>
    </MemberPage>
  );
}

function ReturnNote({ application }: { application: AidApplication }) {
  const returned = [...application.timeline].reverse().find((entry) => entry.action === 'returned');
  return (
    <View className="notice notice--warn" data-testid="aid-return-note">
      <Text>{`审核退回：${returned?.note ?? '请补充材料'}`}</Text>
    </View>
  );
}
