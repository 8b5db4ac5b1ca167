import { useDidShow } from '@tarojs/taro';
import type { Me } from '@union/shared';
import { useState } from 'react';
import { fetchMe, loadSession } from '../services/auth';
import { errorMessage } from '../services/http';

/**
 * The signed-in account, shown at once from the stored session and refreshed each
 * time the page shows (binding or an approved application changes it).
 */
export function useMe() {
  const [me, setMe] = useState<Me | null>(() => loadSession()?.me ?? null);
  const [error, setError] = useState<string | null>(null);

  // Without a session the request sends the user to the login page (see services/http).
  useDidShow(() => {
    fetchMe()
      .then((fresh) => {
        setMe(fresh);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  return { me, error };
}
