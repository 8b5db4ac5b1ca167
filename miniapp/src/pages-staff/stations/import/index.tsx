import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { SHEET_CONTENT_TYPES } from '@union/shared';
import { useEffect, useState } from 'react';
import { Chip } from '../../../components/Chip';
import { BrowserFilePicker } from '../../../components/FilePicker';
import { errorMessage } from '../../../services/http';
import { loadSession } from '../../../services/session-store';
import {
  importStationSheet,
  pickSheetInWeapp,
  recentStationImportJobs,
  type PickedFile,
  type StationImportResult,
} from '../../../services/stations';
import { isWeapp } from '../../../utils/platform';
import { stationManagementOrgs } from '../../../utils/roles';
import { exportSheet } from '../export-sheet';
import { ImportProgress } from './ImportProgress';
import { importRunning, useImportJob } from './use-import-job';
import './index.css';

const ACCEPT = ['.xlsx', '.csv', ...SHEET_CONTENT_TYPES].join(',');

/**
 * Stations from the sheet union offices already keep: every row is checked first
 * (试导入) and every problem listed; only a clean sheet can be imported, all at once.
 * A long sheet is written in the background: the page follows its progress, and shows
 * an import still running when it is opened again.
 */
export default function StationImportPage() {
  const me = loadSession()?.me ?? null;
  const orgs = me ? stationManagementOrgs(me) : [];
  const [orgId, setOrgId] = useState<string | undefined>(orgs[0]?.id);
  const [sheet, setSheet] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<StationImportResult | null>(null);
  const [imported, setImported] = useState<StationImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { job, setJob, pollError } = useImportJob();
  const running = importRunning(job);

  useEffect(() => {
    // An import started earlier (here or by a colleague of the same office) is still running: show it.
    recentStationImportJobs()
      .then((jobs) => {
        const latest = jobs[0] ?? null;
        if (importRunning(latest)) setJob((shown) => shown ?? latest);
      })
      .catch(() => undefined);
  }, [setJob]);

  async function check(file: PickedFile, forOrg = orgId) {
    setSheet(file);
    setReport(null);
    setImported(null);
    if (!importRunning(job)) setJob(null);
    setError(null);
    setBusy(true);
    try {
      setReport(await importStationSheet(file, 'dry-run', forOrg));
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
      const result = await importStationSheet(sheet, 'commit', orgId);
      // Someone may have changed stations since the check: then nothing was imported, and why is shown.
      if (result.problems.length > 0) setReport(result);
      else if (result.job && result.job.status !== 'done') {
        setReport(null);
        setJob(result.job);
      } else setImported(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const clean = report !== null && report.problems.length === 0 && report.validRows > 0;

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">从表格导入</Text>
        <Text className="import-intro">
          支持 Excel（.xlsx）和 CSV
          表格，列与“导出表格”相同。系统先逐行检查，全部无误后才能导入；导入时全部成功或全部不导入。超过 200
          行的表格在后台导入，本页显示进度。
        </Text>
        <Text className="link" onClick={() => void exportSheet()} data-testid="import-export-template">
          导出现有驿站，作为填写模板
        </Text>
        {orgs.length > 1 ? (
          <View className="import-orgs">
            <Text className="muted">“所属工会”为空的行归入：</Text>
            <View className="import-orgs__chips">
              {orgs.map((org) => (
                <Chip
                  key={org.id}
                  on={orgId === org.id}
                  onClick={() => {
                    setOrgId(org.id);
                    if (sheet) void check(sheet, org.id);
                  }}
                  testId={`import-org-${org.id}`}
                >
                  {org.name}
                </Chip>
              ))}
            </View>
          </View>
        ) : null}
        {isWeapp() ? (
          <Button
            className="btn btn--primary"
            disabled={busy || running}
            onClick={() => void chooseInWeapp()}
            data-testid="import-choose"
          >
            从微信聊天中选择表格
          </Button>
        ) : (
          <BrowserFilePicker
            label={sheet ? '重新选择表格' : '选择表格文件'}
            accept={ACCEPT}
            disabled={busy || running}
            onPick={(file) => void check(file)}
            testId="import-file"
          />
        )}
        {sheet ? (
          <Text className="muted import-file-name" data-testid="import-file-name">
            {busy && !report ? `正在检查 ${sheet.name}…` : sheet.name}
          </Text>
        ) : null}
      </View>

      {error ? (
        <Text className="notice notice--error" data-testid="import-error">
          {error}
        </Text>
      ) : null}

      {job ? <ImportProgress job={job} pollError={pollError} /> : null}

      {report && !imported ? (
        <View className="panel" data-testid="import-report">
          <Text className="panel__title">检查结果</Text>
          <Text data-testid="import-summary">
            {`共 ${report.rows} 行，${report.validRows} 行无误，${report.problems.length} 处问题`}
          </Text>
          {report.problems.map((problem, index) => (
            <Text key={index} className="import-problem" data-testid="import-problem">
              {`第${problem.row}行 · ${problem.column} · ${problem.message}`}
            </Text>
          ))}
          {report.problems.length > 0 ? (
            <Text className="notice notice--warn" data-testid="import-fix-hint">
              请在表格中改正以上问题后重新选择文件。有任何一行有误时不会导入。
            </Text>
          ) : null}
          {report.problems.length === 0 && report.validRows === 0 ? (
            <Text className="notice notice--warn">表格中没有驿站数据</Text>
          ) : null}
          {clean ? (
            <Button
              className="btn btn--primary"
              disabled={busy || running}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {`确认导入 ${report.validRows} 个驿站`}
            </Button>
          ) : null}
        </View>
      ) : null}

      {imported ? (
        <View className="panel" data-testid="import-done">
          <Text className="panel__title">{`已导入 ${imported.created} 个驿站`}</Text>
          <Text className="muted">新驿站已出现在附近驿站中，可在驿站列表中补充照片并打印打卡海报。</Text>
          <Button className="btn" onClick={() => void Taro.navigateBack()}>
            返回驿站列表
          </Button>
        </View>
      ) : null}
    </View>
  );
}
