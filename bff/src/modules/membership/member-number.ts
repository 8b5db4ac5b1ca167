import { nextSequence } from '../../db/counters';

/** Federation-wide member numbers: the city's area code and an eight-digit sequence, e.g. `330100000123`. */
export const MEMBER_NO_PREFIX = '3301';

export async function nextMemberNo(): Promise<string> {
  return MEMBER_NO_PREFIX + String(await nextSequence('memberNo')).padStart(8, '0');
}
