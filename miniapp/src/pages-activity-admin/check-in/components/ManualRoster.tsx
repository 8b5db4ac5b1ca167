/** 手工签到: the chosen session's roster, with 签到 beside those not yet checked in (no card at hand). */
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Chip } from '../../../components/Chip';
import { errorMessage } from '../../../services/http';
import { confirm, showSuccess } from '../../../utils/toast';
import {
  checkInByHand,
  fetchAttendance,
  fetchStaffActivity,
  type AttendanceList,
  type StaffActivityDetail,
} from '../../services';
import { CHECK_IN_TEXT as T } from '../../strings';

type Session = StaffActivityDetail['sessions'][number];

/** The session under way or next; the last one once all have ended. */
export function defaultSessionIndex(sessions: readonly Session[], now: Date): number {
  const open = sessions.findIndex((session) => Date.parse(session.endsAt) > now.getTime());
  return open === -1 ? Math.max(0, sessions.length - 1) : open;
}

export function ManualRoster({ activityId }: { activityId: string }) {
  const [sessions, setSessions] = useState<Session[]>([]);
  const [sessionIndex, setSessionIndex] = useState<number | null>(null);
  const [roster, setRoster] = useState<AttendanceList | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchStaffActivity(activityId).then(
      (activity) => {
        setSessions(activity.sessions);
        setSessionIndex(defaultSessionIndex(activity.sessions, new Date()));
      },
      (failure: unknown) => setNotice(errorMessage(failure)),
    );
  }, [activityId]);

  async function load(index: number) {
    try {
      setRoster(await fetchAttendance(activityId, index));
    } catch (failure) {
      setNotice(errorMessage(failure));
    }
  }

  useEffect(() => {
    if (sessionIndex !== null) void load(sessionIndex);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionIndex, activityId]);

  async function mark(entryId: string, name: string) {
    if (sessionIndex === null || !(await confirm(T.markConfirmTitle, T.markConfirmBody(name)))) return;
    setBusy(true);
    setNotice('');
    try {
      const answer = await checkInByHand(activityId, entryId, sessionIndex);
      showSuccess(answer.alreadyCheckedIn ? '本场已签到' : '签到成功');
      await load(sessionIndex);
    } catch (failure) {
      setNotice(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="check-in-manual">
      {sessions.length > 1 ? (
        <View className="row">
          {sessions.map((session, index) => (
            <Chip
              key={session.startsAt}
              on={sessionIndex === index}
              onClick={() => setSessionIndex(index)}
              testId={`check-in-session-${index}`}
            >
              {T.session(index, session.date)}
            </Chip>
          ))}
        </View>
      ) : null}
      {notice ? (
        <Text className="notice notice--error" data-testid="check-in-manual-notice">
          {notice}
        </Text>
      ) : null}
      {roster ? (
        <>
          <Text className="panel__title" data-testid="check-in-manual-total">
            {T.attendanceTotal(roster.checkedIn, roster.total)}
          </Text>
          {roster.items.length === 0 ? <Text className="muted">{T.emptyRoster}</Text> : null}
          {roster.items.map((item) => (
            <View key={item.entryId} className="row" data-testid="check-in-manual-item">
              <Text>{`${item.maskedName}（${item.groupName}）`}</Text>
              {item.checkedIn ? (
                <Text className="tag">{item.statusText}</Text>
              ) : (
                <Button
                  className="btn btn--small btn--primary"
                  disabled={busy}
                  onClick={() => void mark(item.entryId, item.maskedName)}
                  data-testid="check-in-manual-mark"
                >
                  {T.markCheckedIn}
                </Button>
              )}
            </View>
          ))}
        </>
      ) : null}
    </View>
  );
}
