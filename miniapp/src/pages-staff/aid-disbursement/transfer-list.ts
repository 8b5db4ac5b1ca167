/**
 * 导出转账清单: the bank transfer list (.xlsx) for a programme. The browser saves it as a
 * download; weapp writes it to the app's file space and opens it, from where WeChat
 * offers to send it to the finance office or save it.
 */
import Taro from '@tarojs/taro';
import { downloadTransferList } from '../../services/aid';
import { errorMessage } from '../../services/http';
import { isWeapp } from '../../utils/platform';
import { showMessage } from '../../utils/toast';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportTransferList(programmeId: string, today: string): Promise<void> {
  let bytes: ArrayBuffer;
  try {
    bytes = await downloadTransferList(programmeId);
  } catch (e) {
    return showMessage(errorMessage(e));
  }
  const name = `助学金转账清单-${today}.xlsx`;
  if (isWeapp()) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: bytes,
      success: () => void Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true }),
      fail: () => showMessage('保存清单失败，请稍后重试'),
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
