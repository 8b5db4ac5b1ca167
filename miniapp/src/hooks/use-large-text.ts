import Taro from '@tarojs/taro';
import { useState } from 'react';

/** One setting for every screen shown at a counter (the card, a voucher): whoever needs it needs it on both. */
const LARGE_TEXT_KEY = 'union.card.largeText';

/** 大字模式: larger text and QR, remembered on the phone. */
export function useLargeText() {
  const [largeText, setLargeText] = useState<boolean>(() => Taro.getStorageSync(LARGE_TEXT_KEY) === true);

  function toggleLargeText(on: boolean) {
    setLargeText(on);
    Taro.setStorageSync(LARGE_TEXT_KEY, on);
  }

  return { largeText, toggleLargeText };
}
