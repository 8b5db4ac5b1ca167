import { useLoad } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { errorMessage } from '../services/http';

/**
 * The record a detail page shows, named by its route's `id` parameter: loaded when
 * the page opens, reloadable (e.g. after a 409 shows someone else changed it), and
 * replaceable with what an action returned.
 */
export function useRouteRecord<T>(fetchRecord: (id: string) => Promise<T>) {
  const [id, setId] = useState<string | null>(null);
  const [record, setRecord] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (recordId: string) => {
      try {
        setRecord(await fetchRecord(recordId));
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [fetchRecord],
  );

  useLoad((params: Record<string, string | undefined>) => {
    if (!params.id) return setError('缺少编号，请从列表重新进入');
    setId(params.id);
    void load(params.id);
  });

  return { id, record, setRecord, error, reload: load };
}
