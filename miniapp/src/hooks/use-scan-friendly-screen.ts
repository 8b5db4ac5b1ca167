import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { isWeapp } from '../utils/platform';

/**
 * A dimmed, sleeping screen is the usual reason a cashier's scanner fails. In weapp
 * the screen stays on while the card is shown and can be brightened on request;
 * the previous brightness comes back when the card is hidden.
 */
export function useScanFriendlyScreen(visible: boolean) {
  const [bright, setBright] = useState(false);

  useEffect(() => {
    if (!isWeapp() || !visible) return;
    void Taro.setKeepScreenOn({ keepScreenOn: true });
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false });
  }, [visible]);

  useEffect(() => {
    if (!isWeapp() || !visible || !bright) return;
    let previous: number | null = null;
    void Taro.getScreenBrightness().then(({ value }) => {
      previous = value;
      return Taro.setScreenBrightness({ value: 1 });
    });
    return () => {
      if (previous !== null) void Taro.setScreenBrightness({ value: previous });
    };
  }, [visible, bright]);

  return { canBrighten: isWeapp(), bright, setBright };
}
