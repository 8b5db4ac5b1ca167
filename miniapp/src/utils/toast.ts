import Taro from '@tarojs/taro';

/** The BFF's messages are already written for users, so they are shown verbatim. */
export function showMessage(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 3000 });
}

export function showSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 });
}

export async function confirm(title: string, content: string): Promise<boolean> {
  const { confirm: accepted } = await Taro.showModal({ title, content });
  return accepted;
}
