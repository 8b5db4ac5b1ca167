import Taro from '@tarojs/taro';
import { TAB_ROUTES } from '../routes';

/** Opens a page whether or not it sits in the tab bar (tab pages refuse navigateTo). */
export function openPage(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}
