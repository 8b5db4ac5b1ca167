import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StationImportJob } from '../../../services/stations';

const STATUS_TITLE: Record<StationImportJob['status'], string> = {
  queued: '导入排队中',
  running: '正在导入',
  done: '导入完成',
  failed: '导入失败',
};

/** A background import: rows done of the total while it runs, then its final report. */
export function ImportProgress({ job, pollError }: { job: StationImportJob; pollError: string | null }) {
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
  const ended = job.status === 'done' || job.status === 'failed';
  return (
    <View className="panel" data-testid="import-job" data-status={job.status}>
      <Text className="panel__title">
        {job.status === 'done' ? `已导入 ${job.created} 个驿站` : STATUS_TITLE[job.status]}
      </Text>
      {job.fileName ? <Text className="muted import-file-name">{job.fileName}</Text> : null}
      {!ended ? (
        <View
          className="import-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.done}
          data-testid="import-progress"
        >
          <View className="import-bar__fill" style={{ width: `${percent}%` }} />
        </View>
      ) : null}
      <Text className="import-counts" data-testid="import-counts">
        {`已处理 ${job.done} / ${job.total} 行，新建 ${job.created} 个驿站` +
          (job.skipped > 0 ? `，跳过 ${job.skipped} 行` : '')}
      </Text>
      {!ended ? <Text className="muted">导入在后台进行，离开本页不会中断；可随时回来查看进度。</Text> : null}
      {pollError && !ended ? <Text className="notice notice--warn">{pollError}</Text> : null}
      {job.status === 'failed' ? (
        <Text className="notice notice--error" data-testid="import-failure">
          {job.failure ?? '导入失败，已写入的站点已全部撤销，请稍后重新导入'}
        </Text>
      ) : null}
      {job.problems.length > 0 ? (
        <View data-testid="import-skipped">
          <Text className="muted">以下行未导入（原因见每行）：</Text>
          {job.problems.map((problem, index) => (
            <Text key={index} className="import-problem" data-testid="import-problem">
              {`第${problem.row}行 · ${problem.column} · ${problem.message}`}
            </Text>
          ))}
          {job.skipped > job.problems.length ? (
            <Text className="muted">{`另有 ${job.skipped - job.problems.length} 行未列出`}</Text>
          ) : null}
        </View>
      ) : null}
      {job.status === 'done' ? (
        <>
          <Text className="muted">新驿站已出现在附近驿站中，可在驿站列表中补充照片并打印打卡海报。</Text>
          <Button className="btn" onClick={() => void Taro.navigateBack()}>
            返回驿站列表
          </Button>
        </>
      ) : null}
    </View>
  );
}
