/** 12分05秒 / 45秒: time used on a quiz paper (member and organiser pages). */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(s / 60);
  return minutes > 0 ? `${minutes}分${String(s % 60).padStart(2, '0')}秒` : `${s % 60}秒`;
}
