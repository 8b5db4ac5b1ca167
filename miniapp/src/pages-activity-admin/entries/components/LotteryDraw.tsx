/** 开奖: once, after sign-up closes; a second draw is refused by the BFF (409) and its message shown. */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorMessage } from '../../../services/http';
import { confirm } from '../../../utils/toast';
import { drawLottery } from '../../services';
import { DRAW_TEXT as T } from '../../strings';

export function LotteryDraw({ activityId, onDrawn }: { activityId: string; onDrawn: () => void }) {
  const [result, setResult] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  async function draw() {
    if (!(await confirm(T.confirmTitle, T.confirmBody))) return;
    setBusy(true);
    setNotice('');
    try {
      const answer = await drawLottery(activityId);
      setResult(T.done(answer.drawn, answer.winners));
      onDrawn();
    } catch (failure) {
      setNotice(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="lottery-draw">
      <Button
        className="btn btn--primary"
        disabled={busy || Boolean(result)}
        onClick={() => void draw()}
        data-testid="lottery-draw-button"
      >
        {T.button}
      </Button>
      {result ? (
        <Text className="notice notice--info" data-testid="lottery-draw-result">
          {result}
        </Text>
      ) : null}
      {notice ? (
        <Text className="notice notice--error" data-testid="lottery-draw-notice">
          {notice}
        </Text>
      ) : null}
    </View>
  );
}
