/**
 * Puts the certificate where the member keeps pictures. weapp: written to the app's files and
 * saved to the album, which needs scope.writePhotosAlbum; once refused, WeChat never asks again,
 * so the member is sent to the settings page to allow it. H5: a download of the PNG (phones that
 * ignore downloads can still long-press the picture).
 */
import Taro from '@tarojs/taro';
import { isWeapp } from '../../utils/platform';
import { confirm, showMessage, showSuccess } from '../../utils/toast';

const ALBUM_SCOPE = 'scope.writePhotosAlbum';

/** A refused or never-granted album permission, as the different base libraries word it. */
const isPermissionRefusal = (error: unknown) =>
  /auth|deny|denied|permission/i.test(String((error as { errMsg?: string })?.errMsg ?? error));

/** The PNG in the app's own files, ready for the album or the share sheet. */
export function writeCertificateFile(bytes: ArrayBuffer, activityId: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/certificate-${activityId}.png`;
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: bytes,
      success: () => resolve(filePath),
      fail: reject,
    });
  });
}

async function saveToAlbum(filePath: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    showSuccess('已保存到相册');
  } catch (error) {
    if (!isPermissionRefusal(error)) return showMessage('保存失败，请稍后重试');
    const go = await confirm(
      '需要相册权限',
      '保存证书需要允许“保存到相册”。请在接下来的设置页中打开“添加到相册”，返回后再保存。',
    );
    if (!go) return;
    const { authSetting } = await Taro.openSetting();
    if ((authSetting as Record<string, boolean | undefined>)[ALBUM_SCOPE]) await saveToAlbum(filePath);
  }
}

export async function saveCertificate(bytes: ArrayBuffer, activityId: string): Promise<void> {
  if (isWeapp()) {
    const filePath = await writeCertificateFile(bytes, activityId).catch(() => null);
    if (!filePath) return showMessage('保存失败，请稍后重试');
    return saveToAlbum(filePath);
  }
  const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = '获奖证书.png';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
