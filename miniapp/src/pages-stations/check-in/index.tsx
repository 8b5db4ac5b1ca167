import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { stationCheckInPageUrl, stationCodeFromScan } from '@union/shared/station-link';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { loadSession } from '../../services/auth';
import { errorMessage } from '../../services/http';
import { checkIn, type CheckInResult } from '../../services/stations';
import { signInThenOpen } from '../../utils/after-sign-in';
import { formatDateTime } from '../../utils/datetime';
import { textParam } from '../../utils/params';
import './index.css';

const NOT_A_POSTER = '这不是驿站打卡二维码，请扫描驿站海报上的二维码';

type Outcome = { state: 'checking' } | { state: 'done'; result: CheckInResult } | { state: 'failed'; message: string };

/**
 * Where a scanned station poster lands: from WeChat's 扫一扫 through the launch page
 * (weapp), from any other scanner through the poster's link (H5). Signs the rider in
 * first if needed, checks in at once and says whether the visit counted.
 */
export default function StationCheckInPage() {
  const { params } = useRouter();
  const code = stationCodeFromScan(textParam(params.code));
  const [outcome, setOutcome] = useState<Outcome>({ state: 'checking' });

  useLoad(() => {
    if (code === null) return setOutcome({ state: 'failed', message: NOT_A_POSTER });
    // The launch page brings the rider back here once signed in.
    if (!loadSession()) return void Taro.redirectTo({ url: signInThenOpen(stationCheckInPageUrl(code)) });
    checkIn(code)
      .then((result) => setOutcome({ state: 'done', result }))
      .catch((e: unknown) => setOutcome({ state: 'failed', message: errorMessage(e) }));
  });

  return (
    <View className="page check-in-page" data-testid="station-check-in-page">
      {outcome.state === 'checking' ? <Text className="muted check-in-page__status">正在打卡…</Text> : null}
      {outcome.state === 'failed' ? (
        <Text className="notice notice--error" data-testid="station-check-in-error">
          {outcome.message}
        </Text>
      ) : null}
      {outcome.state === 'done' ? (
        <>
          <View
            className={`check-in-page__result ${outcome.result.counted ? 'check-in-page__result--counted' : ''}`}
            data-testid="station-check-in-result"
            data-counted={outcome.result.counted}
          >
            <Text className="check-in-page__title">
              {outcome.result.counted ? '打卡成功' : '已打卡（30分钟内不重复计数）'}
            </Text>
            <Text className="check-in-page__station">{outcome.result.stationName}</Text>
            <Text className="muted">{formatDateTime(outcome.result.checkedInAt)}</Text>
          </View>
          <Button
            className="btn btn--primary"
            onClick={() => void Taro.redirectTo({ url: `${ROUTES.stationDetail}?id=${outcome.result.stationId}` })}
            data-testid="station-check-in-detail"
          >
            查看驿站详情
          </Button>
        </>
      ) : null}
    </View>
  );
}
