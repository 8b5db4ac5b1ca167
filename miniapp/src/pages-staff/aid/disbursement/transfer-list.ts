/** 导出转账清单: the bank transfer list (.xlsx) of a programme's approved, unpaid grants. */
import { downloadTransferList } from '../../../services/aid';
import { saveSpreadsheet } from '../../../utils/save-spreadsheet';

export function exportTransferList(programmeId: string, today: string): Promise<void> {
  return saveSpreadsheet(() => downloadTransferList(programmeId), `助学金转账清单-${today}.xlsx`);
}
