import { distanceMeters } from '@union/shared';
import { useState } from 'react';
import { fetchActivity, type ActivitySummary } from '../../services/activities';
import { errorMessage } from '../../services/http';
import { LocateError, locateRider } from '../../utils/locate';

/**
 * 离我最近. The list endpoint neither filters by place nor carries the venue's point, so the
 * loaded activities' venues come from their details (cached) and are sorted here; online
 * activities go last. Distances are straight-line, GCJ-02 on both sides.
 */
export function useNearest() {
  const [distances, setDistances] = useState<Map<string, number> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const turnOn = async (items: readonly ActivitySummary[]) => {
    setBusy(true);
    setProblem(null);
    try {
      const here = await locateRider();
      const found = new Map(distances ?? []);
      await Promise.all(
        items
          .filter((item) => !found.has(item.id))
          .map(async (item) => {
            const { venue } = await fetchActivity(item.id);
            found.set(item.id, venue.kind === 'place' ? distanceMeters(here, venue.location) : Infinity);
          }),
      );
      setDistances(found);
    } catch (e) {
      setProblem(
        e instanceof LocateError
          ? e.reason === 'denied'
            ? '未获得定位权限，无法按距离排序'
            : '暂时无法获取您的位置'
          : errorMessage(e),
      );
    } finally {
      setBusy(false);
    }
  };

  const sort = (items: ActivitySummary[]): ActivitySummary[] =>
    distances
      ? [...items].sort((a, b) => (distances.get(a.id) ?? Infinity) - (distances.get(b.id) ?? Infinity))
      : items;

  const distanceText = (id: string): string | null => {
    const meters = distances?.get(id);
    if (meters === undefined || meters === Infinity) return null;
    return meters < 1000 ? `${Math.round(meters)}米` : `${(meters / 1000).toFixed(1)}公里`;
  };

  return { on: distances !== null, busy, problem, turnOn, turnOff: () => setDistances(null), sort, distanceText };
}
