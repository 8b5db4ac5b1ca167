import Taro, { useDidShow } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/** One setting for every member page: whoever needs large text at the counter needs it when reading too. */
export const LARGE_TEXT_KEY = 'union.card.largeText';

/** The class a member page's root carries while 大字模式 is on; app.css and the pages' CSS enlarge under it. */
export const LARGE_TEXT_CLASS = 'large-text';

let largeTextOn: boolean | null = null;
const listeners = new Set<() => void>();

function readStored(): boolean {
  return Taro.getStorageSync(LARGE_TEXT_KEY) === true;
}

function current(): boolean {
  largeTextOn ??= readStored();
  return largeTextOn;
}

function publish(on: boolean) {
  if (largeTextOn === on) return;
  largeTextOn = on;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * 大字模式: larger text (and QR) on member pages, remembered on the phone. Pages stay mounted
 * under the tab bar and the page stack, so a switch on the card reaches them all at once.
 */
export function useLargeText() {
  const largeText = useSyncExternalStore(subscribe, current);

  // Storage is the record (it survives restarts and is what tests reset); re-read it on every show.
  useDidShow(() => publish(readStored()));

  function toggleLargeText(on: boolean) {
    Taro.setStorageSync(LARGE_TEXT_KEY, on);
    publish(on);
  }

  return { largeText, toggleLargeText };
}
