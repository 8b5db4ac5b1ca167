/**
 * Taro replaces `process.env.TARO_ENV` at build time; reading it inside a function
 * (instead of a module constant) lets tests switch platforms.
 */
export function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}
