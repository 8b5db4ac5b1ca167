import type { LatLng } from '@union/shared';
import { useState } from 'react';
import { LocateError, locateRider } from '../../utils/locate';

/**
 * 离我最近: finds the member once (GCJ-02) and hands the point to the list, whose query sorts
 * every open activity by venue distance on the server; the page itself sorts nothing.
 */
export function useNearest() {
  const [here, setHere] = useState<LatLng | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** The member's point, or null when it cannot be had (the reason is in `problem`). */
  const turnOn = async (): Promise<LatLng | null> => {
    setBusy(true);
    setProblem(null);
    try {
      const point = await locateRider();
      setHere(point);
      return point;
    } catch (e) {
      setProblem(
        e instanceof LocateError && e.reason === 'denied' ? '未获得定位权限，无法按距离排序' : '暂时无法获取您的位置',
      );
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { here, busy, problem, turnOn, turnOff: () => setHere(null) };
}
