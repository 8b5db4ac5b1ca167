import { Button, Picker, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { chinaDateOf, DisbursementRequestSchema } from '@union/shared';
import { useRef, useState } from 'react';
import { TextField } from '../../../components/TextField';
import { usePagedList } from '../../../hooks/use-paged-list';
import {
  fetchAwaitingDisbursement,
  fetchDisbursementBatches,
  recordDisbursement,
  type DisbursementBatch,
} from '../../../services/aid';
import { ApiError, errorMessage } from '../../../services/http';
import { EDUCATION_LEVEL_LABELS } from '../../../strings/aid';
import { formatDateTime } from '../../../utils/datetime';
import { fieldErrorsFromApi, fieldErrorsFromZod, type FieldErrors } from '../../../utils/form-errors';
import { formatFen } from '../../../utils/money';
import { textParam } from '../../../utils/params';
import { showMessage, showSuccess } from '../../../utils/toast';
import { PendingSubmission } from './submission';
import { exportTransferList } from './transfer-list';
import './index.css';

/** 发放登记: pick approved applications, record the date and reference of the payment, export the transfer list. */
export default function AidDisbursementPage() {
  const [programme, setProgramme] = useState<{ id: string; name: string } | null>(null);
  const [batches, setBatches] = useState<DisbursementBatch[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [paidOn, setPaidOn] = useState(() => chinaDateOf(new Date()));
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Failures outside the list: the batches, a submission that came too late (409). */
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** 403 on opening: this office does not pay this programme, so no form is offered. */
  const [refused, setRefused] = useState(false);
  const submission = useRef(new PendingSubmission());

  function failedToLoad(e: unknown) {
    setError(errorMessage(e));
    refuseOn403(e);
  }

  function refuseOn403(e: unknown) {
    if (e instanceof ApiError && e.status === 403) setRefused(true);
  }

  const list = usePagedList((programmeId: string, cursor?: string) =>
    fetchAwaitingDisbursement(programmeId, cursor).catch((e: unknown) => {
      refuseOn403(e);
      throw e;
    }),
  );
  const { items, nextCursor, loaded, load, loadMore } = list;
  const shownError = error ?? list.error;

  async function loadBatches(programmeId: string) {
    try {
      setBatches(await fetchDisbursementBatches(programmeId));
    } catch (e) {
      failedToLoad(e);
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    if (!params.programmeId) return setError('缺少项目编号');
    setProgramme({ id: params.programmeId, name: textParam(params.name) });
    void load(params.programmeId);
    void loadBatches(params.programmeId);
  });

  const selectedTotal = items
    .filter((application) => selected.includes(application.id))
    .reduce((sum, application) => sum + (application.amountFen ?? 0), 0);
  const allSelected = items.length > 0 && items.every((application) => selected.includes(application.id));

  function toggle(id: string) {
    setSelected((current) => (current.includes(id) ? current.filter((item) => item !== id) : [...current, id]));
  }

  async function submit() {
    if (!programme) return;
    const content = { programmeId: programme.id, applicationIds: selected, paidOn, reference: reference.trim() };
    const body = submission.current.request(content);
    const checked = DisbursementRequestSchema.safeParse(body);
    if (!checked.success) {
      setErrors(fieldErrorsFromZod(checked.error));
      return showMessage('请按提示修改后再登记');
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const batch = await recordDisbursement(body);
      submission.current.settle();
      showSuccess(`已登记 ${batch.applicationCount} 人`);
      setSelected([]);
      setReference('');
      await Promise.all([load(programme.id), loadBatches(programme.id)]);
    } catch (e) {
      // After a dropped connection the batch may have been recorded: the retry keeps its requestId.
      if (!(e instanceof ApiError && e.isNetworkError)) submission.current.settle();
      if (e instanceof ApiError && e.status === 400) setErrors(fieldErrorsFromApi(e));
      showMessage(errorMessage(e));
      // 409: some were paid or changed meanwhile; show the list as it is now.
      if (e instanceof ApiError && e.status === 409) {
        setSelected([]);
        await load(programme.id);
        setError(e.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page aid-disbursement">
      {programme?.name ? <Text className="panel__title">{programme.name}</Text> : null}
      {shownError ? (
        <Text className="notice notice--error" data-testid="disburse-error">
          {shownError}
        </Text>
      ) : null}
      {refused ? null : (
        <>
          <View className="panel">
            <View className="row">
              <Text className="panel__title">待发放</Text>
              {items.length > 0 ? (
                <Text
                  className="link"
                  onClick={() => setSelected(allSelected ? [] : items.map((application) => application.id))}
                  data-testid="disburse-select-all"
                >
                  {allSelected ? '取消全选' : '全选'}
                </Text>
              ) : null}
            </View>
            {loaded && items.length === 0 && !shownError ? (
              <Text className="muted" data-testid="disburse-empty">
                没有待发放的申请
              </Text>
            ) : null}
            {items.map((application) => {
              const on = selected.includes(application.id);
              return (
                <View
                  key={application.id}
                  className="row disburse-item"
                  role="checkbox"
                  aria-checked={on}
                  onClick={() => toggle(application.id)}
                  data-testid="disburse-item"
                >
                  <Text className={`disburse-item__box ${on ? 'disburse-item__box--on' : ''}`}>{on ? '✓' : ''}</Text>
                  <View className="disburse-item__text">
                    <Text>{`${application.applicant.name} · ${application.child.name ?? ''}`}</Text>
                    <Text className="muted">
                      {[
                        application.applicant.orgName,
                        application.child.educationLevel
                          ? EDUCATION_LEVEL_LABELS[application.child.educationLevel]
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </View>
                  <Text>{application.amountFen === null ? '—' : formatFen(application.amountFen)}</Text>
                </View>
              );
            })}
            {nextCursor ? (
              <Button className="btn" onClick={() => void loadMore()} data-testid="disburse-more">
                加载更多
              </Button>
            ) : null}
            {errors.applicationIds ? <Text className="field__error">{errors.applicationIds}</Text> : null}
          </View>

          <View className="panel">
            <View className="row disburse-total" data-testid="disburse-total">
              <Text>{`已选 ${selected.length} 人`}</Text>
              <Text>{`合计 ${formatFen(selectedTotal)}`}</Text>
            </View>
            <View className="field">
              <View className="field__row">
                <Text className="field__label">发放日期</Text>
                <Picker
                  mode="date"
                  value={paidOn}
                  onChange={(e) => setPaidOn(e.detail.value)}
                  data-testid="disburse-paid-on"
                >
                  <Text className="disburse-date">{paidOn}</Text>
                </Picker>
              </View>
              {errors.paidOn ? <Text className="field__error">{errors.paidOn}</Text> : null}
            </View>
            <TextField
              label="批次号/回单号"
              value={reference}
              onChange={setReference}
              placeholder="如银行回单号"
              error={errors.reference}
              maxlength={60}
              testId="disburse-reference"
            />
            <Button
              className="btn btn--primary"
              disabled={busy || selected.length === 0}
              onClick={() => void submit()}
              data-testid="disburse-submit"
            >
              登记发放
            </Button>
            {programme ? (
              <Button
                className="btn"
                onClick={() => void exportTransferList(programme.id, chinaDateOf(new Date()))}
                data-testid="disburse-export"
              >
                导出银行转账清单
              </Button>
            ) : null}
          </View>

          <View className="panel" data-testid="disburse-batches">
            <Text className="panel__title">发放记录</Text>
            {batches.length === 0 ? <Text className="muted">尚未登记发放</Text> : null}
            {batches.map((batch) => (
              <View key={batch.id} className="disburse-batch" data-testid="disburse-batch">
                <View className="row">
                  <Text>{`${batch.paidOn} · ${batch.reference}`}</Text>
                  <Text>{formatFen(batch.totalFen)}</Text>
                </View>
                <Text className="muted">{`${batch.applicationCount} 人 · 登记于 ${formatDateTime(batch.createdAt)}`}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  );
}
