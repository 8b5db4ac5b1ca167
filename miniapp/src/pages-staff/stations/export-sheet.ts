/** 导出表格: the stations sheet, in the same columns the import reads. */
import { exportStationSheet } from '../../services/stations';
import { saveSpreadsheet } from '../../utils/save-spreadsheet';

export function exportSheet(): Promise<void> {
  return saveSpreadsheet(exportStationSheet, `工会驿站-${new Date().toISOString().slice(0, 10)}.xlsx`);
}
