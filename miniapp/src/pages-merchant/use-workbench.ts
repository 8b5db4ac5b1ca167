import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, errorMessage } from '../services/http';
import { fetchWorkbench, type MerchantWorkbench } from '../services/merchant';

/**
 * The clerk's merchant and today's count, reloaded whenever the page shows. `unbound` when the
 * account holds no merchant (never bound, or the union revoked it): the page offers binding instead.
 */
export function useWorkbench() {
  const [workbench, setWorkbench] = useState<MerchantWorkbench | null>(null);
  const [unbound, setUnbound] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reload() {
    try {
      setWorkbench(await fetchWorkbench());
      setUnbound(false);
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) setUnbound(true);
      else setError(errorMessage(e));
    }
  }

  useDidShow(() => void reload());

  return { workbench, unbound, error, reload };
}
