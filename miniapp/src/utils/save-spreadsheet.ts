/**
 * Hands a downloaded .xlsx to the person: the browser saves it as a download; weapp
 * writes it to the app's file space and opens it, from where WeChat offers to send it
 * (to the finance office, a colleague) or save it.
 */
import Taro from '@tarojs/taro';
import { errorMessage } from '../services/http';
import { isWeapp } from './platform';
import { showMessage } from './toast';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function saveSpreadsheet(download: () => Promise<ArrayBuffer>, fileName: string): Promise<void> {
  let bytes: ArrayBuffer;
  try {
    bytes = await download();
  } catch (e) {
    return showMessage(errorMessage(e));
  }
  if (isWeapp()) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: bytes,
      success: () => void Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true }),
      fail: () => showMessage('保存表格失败，请稍后重试'),
    });
    return;
  }
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
