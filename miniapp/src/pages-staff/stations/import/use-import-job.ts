import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../../services/http';
import { fetchStationImportJob, type StationImportJob } from '../../../services/stations';

/** How often the page asks for progress while an import runs (a batch of rows takes about a second). */
export const IMPORT_POLL_MS = 1000;

export const importRunning = (job: StationImportJob | null) =>
  job !== null && (job.status === 'queued' || job.status === 'running');

/**
 * The import job shown on the page, kept current while it runs. A failed poll keeps the
 * last progress on screen (the import goes on without the page) and says why.
 */
export function useImportJob() {
  const [job, setJob] = useState<StationImportJob | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const running = importRunning(job);
  const jobId = job?.id ?? null;

  useEffect(() => {
    if (!running || !jobId) return;
    let stopped = false;
    const timer = setInterval(() => {
      fetchStationImportJob(jobId)
        .then((latest) => {
          if (stopped) return;
          setJob(latest);
          setPollError(null);
        })
        .catch((e: unknown) => {
          if (stopped) return;
          setPollError(
            e instanceof ApiError && e.isNetworkError
              ? '网络不稳定，导入仍在后台进行，稍后会继续更新进度'
              : errorMessage(e),
          );
        });
    }, IMPORT_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running, jobId]);

  return { job, setJob, pollError };
}
