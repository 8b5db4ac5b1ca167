import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { activityCheckInEndpoints as checkIns } from '@union/shared';
import { useEffect, useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { PasteScanPanel } from '../../components/PasteScanPanel';
import { useQrScanner } from '../../components/QrScanner';
import { cachedPublicKeys, refreshPublicKeys } from '../../services/card-public-keys';
import { ApiError, errorMessage, request } from '../../services/http';
import { isWeapp } from '../../utils/platform';
import { qrImageDataUrl } from '../../utils/qr-image';
import { fetchStaffActivity, type StaffActivityDetail } from '../services';
import { CHECK_IN_TEXT as T } from '../strings';
import { ManualRoster } from './components/ManualRoster';
import { enqueueCheckIn, queuedCheckIns, syncCheckIns } from './offline-queue';
import { offlineScan } from './offline-scan';

type Mode = 'scan' | 'code' | 'manual';

/** The session code rotates on the BFF every 30 s; fetched again on that beat. */
export const SESSION_CODE_REFRESH_MS = 30_000;

/** 活动签到: scan members' cards (queued offline), show the rotating session code, or mark by hand from the roster. */
export default function ActivityCheckInPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [mode, setMode] = useState<Mode>('scan');
  const [token, setToken] = useState('');
  const [result, setResult] = useState('');
  const [notice, setNotice] = useState('');
  const [queued, setQueued] = useState(() => queuedCheckIns(id).length);
  const [code, setCode] = useState<string | null>(null);
  // Known while online, so that an offline scan is queued for the session open at the time.
  const [sessions, setSessions] = useState<StaffActivityDetail['sessions'] | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  // WeChat's scanner in weapp, the browser camera in H5; a card token (~150 characters) is also pasted in H5.
  const scanner = useQrScanner('扫描会员卡二维码');

  async function sync() {
    if (queuedCheckIns(id).length === 0) return;
    try {
      const outcome = await syncCheckIns(id);
      setNotice(
        outcome.refused.length
          ? `已同步 ${outcome.synced} 条，${outcome.refused.length} 条未通过：${outcome.refused.map((r) => `${r.maskedName ?? ''}${r.reason ?? ''}`).join('；')}`
          : `已同步 ${outcome.synced} 条离线签到`,
      );
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.isNetworkError)) setNotice(errorMessage(failure));
    } finally {
      setQueued(queuedCheckIns(id).length);
    }
  }

  useEffect(() => {
    const onNetwork = (res: { isConnected: boolean }) => {
      if (res.isConnected) void sync();
    };
    Taro.onNetworkStatusChange(onNetwork);
    return () => Taro.offNetworkStatusChange?.(onNetwork);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useDidShow(() => {
    void sync();
    void refreshPublicKeys();
    fetchStaffActivity(id).then(
      (activity) => setSessions(activity.sessions),
      () => undefined, // Offline: the sessions loaded last time are kept.
    );
  });

  async function checkIn(cardToken: string) {
    setResult('');
    setNotice('');
    if (!cardToken) {
      setNotice('请扫描或粘贴会员卡二维码');
      return;
    }
    try {
      const answer = await request(checkIns.staffCheckIn, { params: { id }, body: { cardToken } });
      setResult(
        `${answer.maskedName}（${answer.groupName}）${answer.alreadyCheckedIn ? '本场已签到' : '签到成功'}，累计出勤 ${answer.attendedSessions} 次`,
      );
      setToken('');
    } catch (failure) {
      if (failure instanceof ApiError && failure.isNetworkError) {
        // Offline: a forged or stale card is refused here; a genuine one is kept for the sync
        // endpoint, which verifies it again when it arrives.
        const scan = offlineScan(cardToken, sessions, cachedPublicKeys(), new Date());
        if (!scan.queue) {
          setNotice(scan.reason);
          return;
        }
        setQueued(enqueueCheckIn(id, cardToken, scan.sessionIndex));
        setResult(
          scan.unverified
            ? '网络不可用，已暂存，联网后核验并同步'
            : '网络不可用，会员卡已离线核验，已暂存，联网后自动同步',
        );
        setToken('');
      } else {
        setNotice(errorMessage(failure));
      }
    }
  }

  async function scan() {
    const scanned = await scanner.scan().catch(() => null);
    if (scanned) await checkIn(scanned.trim());
  }

  async function refreshCode() {
    try {
      const answer = await request(checkIns.sessionCode, { params: { id } });
      setCode(answer.code);
    } catch (failure) {
      setNotice(errorMessage(failure));
    }
  }

  function stopCode() {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  }

  useEffect(() => {
    if (mode !== 'code') return undefined;
    void refreshCode();
    timer.current = setInterval(() => void refreshCode(), SESSION_CODE_REFRESH_MS);
    return stopCode;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, id]);
  useDidHide(stopCode);

  return (
    <View className="page">
      <View className="row">
        <Chip on={mode === 'scan'} onClick={() => setMode('scan')} testId="check-in-mode-scan">
          {T.modeScan}
        </Chip>
        <Chip on={mode === 'code'} onClick={() => setMode('code')} testId="check-in-mode-code">
          {T.modeCode}
        </Chip>
        <Chip on={mode === 'manual'} onClick={() => setMode('manual')} testId="check-in-mode-manual">
          {T.modeManual}
        </Chip>
      </View>
      {queued > 0 ? (
        <Text className="notice notice--info" data-testid="check-in-queued">
          {`${queued} 条离线签到待同步`}
        </Text>
      ) : null}
      {notice ? (
        <Text className="notice notice--error" data-testid="check-in-notice">
          {notice}
        </Text>
      ) : null}
      {mode === 'scan' ? (
        <>
          <View className="panel">
            <Button className="btn btn--primary" onClick={() => void scan()} data-testid="check-in-scan">
              扫描会员卡二维码
            </Button>
            {scanner.scannerView}
            {result ? <Text data-testid="check-in-result">{result}</Text> : null}
          </View>
          {isWeapp() ? null : (
            <PasteScanPanel
              title="粘贴二维码内容"
              placeholder="用扫码枪或其他应用读取会员卡二维码后粘贴到这里"
              value={token}
              onChange={setToken}
              onSubmit={() => void checkIn(token.trim())}
              submitLabel="签到"
              busy={false}
              testId="check-in-token"
              submitTestId="check-in-submit"
            />
          )}
        </>
      ) : mode === 'manual' ? (
        <ManualRoster activityId={id} />
      ) : (
        <View className="panel">
          {code ? (
            <Image
              src={qrImageDataUrl(code)}
              style={{ width: '480rpx', height: '480rpx' }}
              data-testid="check-in-session-qr"
              data-code={code}
            />
          ) : (
            <Text className="muted">正在获取签到码…</Text>
          )}
          <Text className="muted">请参加者用小程序扫码签到，签到码每 30 秒更新</Text>
        </View>
      )}
    </View>
  );
}
