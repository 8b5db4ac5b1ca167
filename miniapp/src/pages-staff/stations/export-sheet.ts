/**
 * 导出表格: the stations sheet (the same columns the import reads). The browser saves it
 * as a download; weapp writes it to the app's file space and opens it, from where
 * WeChat offers to send or save it.
 */
import Taro from '@tarojs/taro';
import { errorMessage } from '../../services/http';
import { exportStationSheet } from '../../services/stations';
import { isWeapp } from '../../utils/platform';
import { showMessage } from '../../utils/toast';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportSheet(): Promise<void> {
  let bytes: ArrayBuffer;
  try {
    bytes = await exportStationSheet();
  } catch (e) {
    return showMessage(errorMessage(e));
  }
  const name = `工会驿站-${new Date().toISOString().slice(0, 10)}.xlsx`;
  if (isWeapp()) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
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
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
