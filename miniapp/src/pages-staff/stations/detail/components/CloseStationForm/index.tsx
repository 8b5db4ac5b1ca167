import { Button } from '@tarojs/components';
import { CloseStationRequestSchema, type StationDetail } from '@union/shared';
import { useState } from 'react';
import { ReasonForm } from '../../../../../components/ReasonForm';
import { errorMessage } from '../../../../../services/http';
import { closeStation, reopenStation } from '../../../../../services/stations';
import { confirm, showMessage, showSuccess } from '../../../../../utils/toast';

/** Why a station usually pauses. */
const CLOSE_REASONS = ['装修暂停服务', '场地方搬迁', '临时停用，另行通知'] as const;

interface CloseStationFormProps {
  station: StationDetail;
  onChange: (station: StationDetail) => void;
}

/** Closing takes a reason (renovation, host moved); riders see the station as 暂停服务 until it reopens. */
export function CloseStationForm({ station, onChange }: CloseStationFormProps) {
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<StationDetail>, done: string) {
    setBusy(true);
    try {
      onChange(await action());
      setClosing(false);
      setReason('');
      showSuccess(done);
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function close() {
    const parsed = CloseStationRequestSchema.safeParse({ reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请说明停用原因');
    setError(null);
    await run(() => closeStation(station.id, parsed.data.reason), '已停用');
  }

  async function reopen() {
    if (!(await confirm('重新启用', `重新启用「${station.name}」，恢复对外服务？`))) return;
    await run(() => reopenStation(station.id), '已重新启用');
  }

  if (station.status === 'closed') {
    return (
      <Button className="btn" disabled={busy} onClick={() => void reopen()} data-testid="staff-station-reopen">
        重新启用
      </Button>
    );
  }
  if (!closing) {
    return (
      <Button className="btn" onClick={() => setClosing(true)} data-testid="staff-station-close">
        停用驿站
      </Button>
    );
  }
  return (
    <ReasonForm
      title="停用驿站"
      value={reason}
      onChange={setReason}
      placeholder="停用原因，如：装修暂停服务"
      maxlength={100}
      picks={CLOSE_REASONS}
      error={error}
      testId="staff-close-reason"
    >
      <Button
        className="btn btn--primary"
        disabled={busy}
        onClick={() => void close()}
        data-testid="staff-close-confirm"
      >
        确认停用
      </Button>
      <Button className="btn" onClick={() => setClosing(false)}>
        取消
      </Button>
    </ReasonForm>
  );
}
