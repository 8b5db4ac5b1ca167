/**
 * 导出名单 (.xlsx): masked by default. 查看完整信息 asks why first, because the BFF records the
 * reason and the staff member beside every revealed export, as revealing an aid applicant's number.
 */
import { Button, Text, View } from '@tarojs/components';
import { chinaDateOf, RosterExportQuerySchema } from '@union/shared';
import { useState } from 'react';
import { TextField } from '../../../components/TextField';
import { saveSpreadsheet } from '../../../utils/save-spreadsheet';
import { downloadRoster } from '../../services';
import { EXPORT_TEXT as T } from '../../strings';

export function RosterExport({ activityId }: { activityId: string }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const fileName = (revealed: boolean) => `报名名单${revealed ? '-完整' : ''}-${chinaDateOf(new Date())}.xlsx`;

  async function save(revealReason?: string) {
    setBusy(true);
    try {
      await saveSpreadsheet(() => downloadRoster(activityId, revealReason), fileName(revealReason !== undefined));
    } finally {
      setBusy(false);
    }
  }

  async function reveal() {
    const parsed = RosterExportQuerySchema.safeParse({ revealReason: reason });
    if (!parsed.success || parsed.data.revealReason === undefined) {
      return setReasonError(parsed.error?.issues[0]?.message ?? '查看完整信息请说明原因（至少2个字）');
    }
    setReasonError(undefined);
    await save(parsed.data.revealReason);
    setAsking(false);
    setReason('');
  }

  return (
    <View className="panel" data-testid="roster-export">
      <Text className="panel__title">{T.title}</Text>
      <View className="row">
        <Button
          className="btn btn--small"
          disabled={busy}
          onClick={() => void save()}
          data-testid="roster-export-masked"
        >
          {T.masked}
        </Button>
        {asking ? null : (
          <Text className="link" onClick={() => setAsking(true)} data-testid="roster-reveal">
            {T.reveal}
          </Text>
        )}
      </View>
      {asking ? (
        <View>
          <Text className="muted">{T.revealHint}</Text>
          <TextField
            label={T.reasonLabel}
            value={reason}
            onChange={setReason}
            placeholder={T.reasonPlaceholder}
            maxlength={200}
            error={reasonError}
            testId="roster-reveal-reason"
          />
          <View className="row">
            <Button
              className="btn btn--small btn--primary"
              disabled={busy}
              onClick={() => void reveal()}
              data-testid="roster-reveal-confirm"
            >
              {T.revealConfirm}
            </Button>
            <Button className="btn btn--small" onClick={() => setAsking(false)}>
              {T.cancel}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
