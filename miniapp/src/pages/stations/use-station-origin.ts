import { areaLabel } from '../../utils/station-text';
import type { LatLng } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../services/http';
import { fetchStationAreas, type StationArea } from '../../services/stations';
import { LocateError, locateRider, type LocateFailure } from '../../utils/locate';

type Areas = { areas: StationArea[]; cityCenter: LatLng | null };

/** Where distances are measured from: the rider, or a place they picked when location is not available. */
export type Origin =
  | { kind: 'rider'; position: LatLng }
  | { kind: 'area'; position: LatLng; name: string; orgId: string }
  | { kind: 'city'; position: LatLng };

function cityOrigin(areas: Areas): Origin | null {
  const center = areas.cityCenter ?? areas.areas[0]?.center;
  return center ? { kind: 'city', position: center } : null;
}

/**
 * Locates the rider; when that is refused or fails, falls back to the city centre and
 * offers the districts (GET /api/stations/areas) to choose from.
 */
export function useStationOrigin() {
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [locating, setLocating] = useState(false);
  const [failure, setFailure] = useState<LocateFailure | null>(null);
  const [areas, setAreas] = useState<Areas | null>(null);
  const [areasError, setAreasError] = useState<string | null>(null);
  const loadedAreas = useRef<Areas | null>(null);

  const loadAreas = useCallback(async (): Promise<Areas | null> => {
    if (loadedAreas.current) return loadedAreas.current;
    try {
      const loaded = await fetchStationAreas();
      loadedAreas.current = loaded;
      setAreas(loaded);
      setAreasError(null);
      return loaded;
    } catch (e) {
      setAreasError(errorMessage(e));
      return null;
    }
  }, []);

  const locate = useCallback(async () => {
    setLocating(true);
    try {
      const position = await locateRider();
      setFailure(null);
      setOrigin({ kind: 'rider', position });
    } catch (e) {
      setFailure(e instanceof LocateError ? e.reason : 'unavailable');
      const loaded = await loadAreas();
      // A chosen district, or the last known position, is better than the city centre.
      setOrigin((current) => current ?? (loaded ? cityOrigin(loaded) : null));
    } finally {
      setLocating(false);
    }
  }, [loadAreas]);

  const chooseArea = useCallback((area: StationArea) => {
    setOrigin({ kind: 'area', position: area.center, name: areaLabel(area.name), orgId: area.orgId });
  }, []);

  const chooseCityCenter = useCallback(() => {
    if (loadedAreas.current) setOrigin(cityOrigin(loadedAreas.current));
  }, []);

  return { origin, locating, failure, areas, areasError, locate, loadAreas, chooseArea, chooseCityCenter };
}
