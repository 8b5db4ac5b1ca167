import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { CorrectSheetRequestSchema, type ScoreSheet } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { ReasonForm } from '../../components/ReasonForm';
import {
  correctScoreSheet,
  fetchScoreSheet,
  saveScoreSheet,
  submitScoreSheet,
  type SheetKey,
} from '../../services/contests';
import { ApiError, errorMessage } from '../../services/http';
import { newRequestId } from '../../utils/request-id';
import { confirm, showSuccess } from '../../utils/toast';
import { SHEET_STATUS_LABELS, SHEET_STATUS_TAGS } from '../format';
import { ScoreInputs } from './components/ScoreInputs';
import { SheetHistory } from './components/SheetHistory';
import {
  errorsFromDetails,
  inputsFromScores,
  liveTotal,
  readSheet,
  type SheetErrors,
  type SheetInputs,
} from './sheet-form';
import '../contests.css';

const SAVED_ELSEWHERE = '这张评分表已在其他设备保存，已载入最新内容，请核对后再操作';
const CORRECTION_PICKS = ['录入错误', '看错评分项', '复核后调整'];

/**
 * A judge's score sheet for one entrant in one round: draft saves guarded by the sheet's
 * revision, submit after a confirmation, and corrections with a reason once submitted.
 */
export default function ScoreSheetPage() {
  const { params } = useRouter();
  const key: SheetKey = {
    activityId: params.id ?? '',
    roundId: params.roundId ?? '',
    entrantId: params.entrantId ?? '',
  };
  const [sheet, setSheet] = useState<ScoreSheet | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [inputs, setInputs] = useState<SheetInputs>({});
  const [errors, setErrors] = useState<SheetErrors>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  // Kept until the server answers, so a retry after a dropped connection submits once.
  const requestId = useRef<string | null>(null);

  const show = (next: ScoreSheet) => {
    setSheet(next);
    setInputs(inputsFromScores(next.round.scoring, next.scores));
    setErrors({});
  };

  const load = useCallback(
    () =>
      fetchScoreSheet(key)
        .then((fresh) => {
          show(fresh);
          setLoadError(null);
        })
        .catch((e: unknown) => setLoadError(errorMessage(e))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key.activityId, key.roundId, key.entrantId],
  );
  useDidShow(() => void load());

  if (!sheet) return <PageLoading error={loadError} testId="sheet-load-error" />;
  const { scoring } = sheet.round;

  async function run(action: () => Promise<ScoreSheet>, done: string) {
    setBusy(true);
    setNotice('');
    try {
      show(await action());
      requestId.current = null;
      showSuccess(done);
      return true;
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.isNetworkError)) requestId.current = null;
      if (failure instanceof ApiError && failure.status === 409) {
        await load();
        setNotice(failure.code === 'sheet_changed' ? SAVED_ELSEWHERE : errorMessage(failure));
      } else {
        if (failure instanceof ApiError && failure.details.length) setErrors(errorsFromDetails(failure.details));
        setNotice(errorMessage(failure));
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  /** The sheet as typed, or null (with the messages shown) when something needs fixing first. */
  function checked(complete: boolean) {
    const read = readSheet(scoring, inputs, complete);
    setErrors(read.errors);
    if (Object.keys(read.errors).length > 0) {
      setNotice(complete ? '请填完所有分数并按提示修改' : '请按提示修改后再保存');
      return null;
    }
    return { ...read.scores, revision: sheet!.revision };
  }

  async function saveDraft() {
    const body = checked(false);
    if (body) await run(() => saveScoreSheet(key, body), '草稿已保存');
  }

  async function submit() {
    const body = checked(true);
    if (!body) return;
    if (!(await confirm('提交评分', '提交后不能直接修改；如需更改，须填写更正原因，并留下记录。确定提交？'))) return;
    requestId.current ??= newRequestId('sheet');
    const sent = { ...body, requestId: requestId.current };
    await run(() => submitScoreSheet(key, sent), '已提交');
  }

  async function correct() {
    const body = checked(true);
    const parsedReason = CorrectSheetRequestSchema.shape.reason.safeParse(reason);
    setReasonError(parsedReason.success ? null : (parsedReason.error.issues[0]?.message ?? '请填写更正原因'));
    if (!body || !parsedReason.success) return;
    requestId.current ??= newRequestId('correct');
    const sent = { ...body, reason: parsedReason.data, requestId: requestId.current };
    if (await run(() => correctScoreSheet(key, sent), '已更正')) {
      setCorrecting(false);
      setReason('');
    }
  }

  function cancelCorrection() {
    setCorrecting(false);
    setReason('');
    setReasonError(null);
    show(sheet!);
  }

  const editable = sheet.canEdit || correcting;
  return (
    <View className="page" data-testid="score-sheet-page">
      <View className="panel">
        <View className="row">
          <Text className="panel__title" data-testid="sheet-entrant">
            {sheet.entrant.name}
          </Text>
          <Text className={SHEET_STATUS_TAGS[sheet.status]} data-testid="sheet-status">
            {SHEET_STATUS_LABELS[sheet.status]}
          </Text>
        </View>
        <Text className="muted">{`${sheet.entrant.groupName} · ${sheet.round.name}`}</Text>
      </View>
      {sheet.entrant.absent ? (
        <Text className="notice notice--warn" data-testid="sheet-absent">
          该参赛者本轮缺考，无需评分
        </Text>
      ) : null}
      {notice ? (
        <Text className="notice notice--error" data-testid="sheet-notice">
          {notice}
        </Text>
      ) : null}
      <ScoreInputs
        scoring={scoring}
        inputs={inputs}
        errors={errors}
        total={liveTotal(scoring, inputs)}
        disabled={!editable || busy}
        onChange={(field, text) => {
          const next = { ...inputs, [field]: text };
          setInputs(next);
          // Range and format mistakes show while typing; blanks only count on submit.
          setErrors(readSheet(scoring, next, false).errors);
        }}
      />
      {sheet.canEdit ? (
        <View className="score-actions">
          <Button className="btn" disabled={busy} onClick={() => void saveDraft()} data-testid="sheet-save">
            保存草稿
          </Button>
          <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="sheet-submit">
            提交
          </Button>
        </View>
      ) : null}
      {sheet.canCorrect && !correcting ? (
        <Button className="btn" onClick={() => setCorrecting(true)} data-testid="sheet-correct">
          更正
        </Button>
      ) : null}
      {correcting ? (
        <ReasonForm
          title="更正原因"
          value={reason}
          onChange={setReason}
          placeholder="请说明更正原因（至少4个字），将记录在案"
          maxlength={200}
          picks={CORRECTION_PICKS}
          error={reasonError}
          testId="sheet-correct-reason"
        >
          <Button
            className="btn btn--primary"
            disabled={busy}
            onClick={() => void correct()}
            data-testid="sheet-correct-confirm"
          >
            提交更正
          </Button>
          <Button className="btn" onClick={cancelCorrection}>
            取消
          </Button>
        </ReasonForm>
      ) : null}
      {sheet.status === 'submitted' && !sheet.canCorrect ? (
        <Text className="muted" data-testid="sheet-final">
          成绩已确定，不能再更正
        </Text>
      ) : null}
      <SheetHistory sheet={sheet} />
    </View>
  );
}
