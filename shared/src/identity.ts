/**
 * Pure identity rules shared by the BFF and the mini-program: mainland resident
 * ID numbers (GB 11643-1999), mobile numbers and the masks shown on screens.
 */
import { chinaDateOf } from './china-time';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** Province-level codes in use (GB/T 2260): the first two digits of an ID number. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export const ID_NUMBER_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位，最后一位可以是数字或X',
  region: '身份证号的地区码不正确',
  birthDate: '身份证号中的出生日期不正确',
  checksum: '身份证号校验位不正确，请核对后重新输入',
};

/** Upper-cases a trailing x and strips spaces people paste in. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Birth date encoded in an 18-digit ID number, as YYYY-MM-DD, or null when it is not a real date. */
export function birthDateFromIdNumber(idNumber: string): string | null {
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real ? date.toISOString().slice(0, 10) : null;
}

/**
 * Finds what is wrong with an ID number, or null when it is valid.
 * `today` is injectable so that "born in the future" is testable.
 */
export function findIdNumberProblem(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'region';
  const birth = birthDateFromIdNumber(id);
  if (!birth || birth < '1900-01-01' || birth > chinaDateOf(today)) return 'birthDate';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return findIdNumberProblem(raw, today) === null;
}

/** Gender by the 17th digit: odd for men, even for women. */
export function genderFromIdNumber(idNumber: string): 'male' | 'female' {
  return Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
}

export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw);
}

/** `430102199003071234` → `4301**********1234` */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** `13812345678` → `138****5678` */
export function maskMobile(mobile: string): string {
  if (mobile.length < 7) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4);
}

/** `张三` → `张*`, `欧阳娜娜` → `欧**娜`: enough for a cashier to match a face, not to identify. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
