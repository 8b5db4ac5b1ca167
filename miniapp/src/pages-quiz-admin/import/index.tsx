import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { SHEET_CONTENT_TYPES, type QuizQuestionImportResult } from '@union/shared';
import { useState } from 'react';
import { BrowserFilePicker } from '../../components/FilePicker';
import { errorMessage } from '../../services/http';
import { pickSheetInWeapp, type PickedFile } from '../../services/stations';
import { isWeapp } from '../../utils/platform';
import { saveSpreadsheet } from '../../utils/save-spreadsheet';
import { downloadQuestionTemplate, importQuestionSheet } from '../services';
import '../quiz-admin.css';

const ACCEPT = ['.xlsx', SHEET_CONTENT_TYPES[0]].join(',');

/**
 * Questions from a sheet, as station import works: every row is checked first (试导入) and
 * each bad row listed with its row number and reason; only a clean sheet is imported, all at once.
 */
export default function QuizImportPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [sheet, setSheet] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<QuizQuestionImportResult | null>(null);
  const [imported, setImported] = useState<QuizQuestionImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(file: PickedFile) {
    setSheet(file);
    setReport(null);
    setImported(null);
    setError(null);
    setBusy(true);
    try {
      setReport(await importQuestionSheet(id, file, 'dry-run'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function chooseInWeapp() {
    try {
      const file = await pickSheetInWeapp();
      if (file) await check(file);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function commit() {
    if (!sheet) return;
    setBusy(true);
    setError(null);
    try {
      const result = await importQuestionSheet(id, sheet, 'commit');
      // Rows judged differently at commit (a colleague imported the same stems meanwhile): nothing was imported.
      if (result.invalidRows > 0) setReport(result);
      else setImported(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const clean = report !== null && report.invalidRows === 0 && report.validRows > 0;
  return (
    <View className="page quiz-admin">
      <View className="panel">
        <Text className="panel__title">从表格导入题目</Text>
        <Text className="muted">
          请按模板填写 Excel（.xlsx）表格：题型（单选题 / 多选题 / 判断题）、题干、选项 A–H、答案（如 A 或
          ACD）、解析、分类。系统先逐行检查，全部无误后才能导入。
        </Text>
        <Text
          className="link"
          onClick={() => void saveSpreadsheet(downloadQuestionTemplate, '知识竞赛题目导入模板.xlsx')}
          data-testid="quiz-import-template"
        >
          下载导入模板
        </Text>
        {isWeapp() ? (
          <Button
            className="btn btn--primary"
            disabled={busy}
            onClick={() => void chooseInWeapp()}
            data-testid="quiz-import-choose"
          >
            从微信聊天中选择表格
          </Button>
        ) : (
          <BrowserFilePicker
            label={sheet ? '重新选择表格' : '选择表格文件'}
            accept={ACCEPT}
            disabled={busy}
            onPick={(file) => void check(file)}
            testId="quiz-import-file"
          />
        )}
        {sheet ? (
          <Text className="muted" data-testid="quiz-import-file-name">
            {busy && !report ? `正在检查 ${sheet.name}…` : sheet.name}
          </Text>
        ) : null}
      </View>

      {error ? (
        <Text className="notice notice--error" data-testid="quiz-import-error">
          {error}
        </Text>
      ) : null}

      {report && !imported ? (
        <View className="panel" data-testid="quiz-import-report">
          <Text className="panel__title">检查结果</Text>
          <Text data-testid="quiz-import-summary">
            {`共 ${report.rows} 行，${report.validRows} 行无误，${report.invalidRows} 行有问题`}
          </Text>
          {report.problems.map((problem, index) => (
            <Text key={index} className="quiz-admin__problem" data-testid="quiz-import-problem">
              {`第${problem.row}行 · ${problem.column} · ${problem.message}`}
            </Text>
          ))}
          {report.invalidRows > 0 ? (
            <Text className="notice notice--warn" data-testid="quiz-import-fix-hint">
              请在表格中改正以上问题后重新选择文件。有任何一行有误时不会导入。
            </Text>
          ) : null}
          {report.rows === 0 ? <Text className="notice notice--warn">表格中没有题目</Text> : null}
          {clean ? (
            <Button
              className="btn btn--primary"
              disabled={busy}
              onClick={() => void commit()}
              data-testid="quiz-import-commit"
            >
              {`确认导入 ${report.validRows} 道题`}
            </Button>
          ) : null}
        </View>
      ) : null}

      {imported ? (
        <View className="panel" data-testid="quiz-import-done">
          <Text className="panel__title">{`已导入 ${imported.created} 道题`}</Text>
          <Text>
            {`题库现有 ${imported.bank.total} 题：单选 ${imported.bank.byType.single}，多选 ${imported.bank.byType.multiple}，判断 ${imported.bank.byType.true_false}`}
          </Text>
          <Button className="btn" onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      ) : null}
    </View>
  );
}
