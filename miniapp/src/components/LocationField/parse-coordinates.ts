/**
 * A coordinate pair pasted from a map site. Tencent's picker copies "lat,lng" and Amap's
 * "lng,lat"; within China the longitude (73–136) is always the larger number, so either
 * order is read right. Null when it is not two numbers in China's range.
 */
export function parsePastedCoordinates(text: string): { lat: string; lng: string } | null {
  const parts = text
    .trim()
    .split(/[\s,，;；]+/)
    .filter(Boolean);
  if (parts.length !== 2 || !parts.every((part) => /^\d{1,3}(\.\d+)?$/.test(part))) return null;
  const [first, second] = parts as [string, string];
  const [lat, lng] = Number(first) < Number(second) ? [first, second] : [second, first];
  const inChina = Number(lat) >= 3 && Number(lat) <= 54 && Number(lng) >= 73 && Number(lng) <= 136;
  return inChina ? { lat, lng } : null;
}
