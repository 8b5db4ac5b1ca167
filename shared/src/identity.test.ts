import { describe, expect, it } from 'vitest';
import {
  birthDateFromIdNumber,
  findIdNumberProblem,
  genderFromIdNumber,
  idNumberCheckChar,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile,
  maskName,
  normalizeIdNumber,
} from './identity';

/**
 * GB 11643-1999 check character, computed here independently of the code under test:
 * weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 indexes '10X98765432'.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function checkChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`test helper needs 17 digits, got ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return '10X98765432'[sum % 11]!;
}
/** A complete ID number with a correct check character. */
function id(first17: string): string {
  return first17 + checkChar(first17);
}
/** The same ID number with a check character that is guaranteed wrong. */
function withWrongCheck(first17: string): string {
  const right = checkChar(first17);
  return first17 + (right === '0' ? '1' : '0');
}

/** A fixed "today" so that the tests do not depend on the machine's clock. */
const TODAY = new Date('2025-06-15T12:00:00Z');

describe('the test helper itself', () => {
  it('reproduces the check characters of published sample numbers', () => {
    expect(checkChar('11010519491231002')).toBe('X');
    expect(checkChar('43010219900307123')).toBe('4');
  });
});

describe('ID numbers (GB 11643-1999)', () => {
  describe('valid numbers', () => {
    it('accepts the widely published sample 11010519491231002X', () => {
      expect(findIdNumberProblem('11010519491231002X', TODAY)).toBeNull();
      expect(isValidIdNumber('11010519491231002X', TODAY)).toBe(true);
    });

    it('accepts numbers whose check digits are computed from the standard weights', () => {
      const numbers = [
        id('43010219900307123'), // Changsha, ends in 4
        id('32010619850212001'), // Nanjing, ends in 6
        id('11010120000101008'), // Beijing, ends in 8
        id('51010720240229001'), // born on a real leap day
        id('65010219000101001'), // born on the first day accepted
        id('81000019920815002'), // Hong Kong residence permit code
      ];
      expect(numbers).toEqual([
        '430102199003071234',
        '320106198502120016',
        '110101200001010088',
        '510107202402290019',
        '650102190001010016',
        '810000199208150027',
      ]);
      for (const number of numbers) expect(findIdNumberProblem(number, TODAY), number).toBeNull();
    });

    it('accepts a number whose check character is X', () => {
      const number = id('11010120000101007');
      expect(number.endsWith('X')).toBe(true);
      expect(findIdNumberProblem(number, TODAY)).toBeNull();
    });

    it('accepts a lowercase x as the check character and normalizes it to X', () => {
      const lower = id('11010119900307002').toLowerCase();
      expect(lower).toBe('11010119900307002x');
      expect(normalizeIdNumber(lower)).toBe('11010119900307002X');
      expect(findIdNumberProblem(lower, TODAY)).toBeNull();
    });

    it('ignores spaces people paste into the number', () => {
      expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
      expect(findIdNumberProblem(' 110105 19491231 002x ', TODAY)).toBeNull();
    });

    it('accepts someone born today but not tomorrow', () => {
      expect(findIdNumberProblem(id('11010120250615001'), TODAY)).toBeNull();
      expect(findIdNumberProblem(id('11010120250616001'), TODAY)).toBe('birthDate');
    });
  });

  describe('idNumberCheckChar', () => {
    it('agrees with the standard for every possible remainder', () => {
      // Vary the sequence code so that every check character from the table turns up.
      const seen = new Set<string>();
      for (let seq = 0; seq < 200; seq++) {
        const first17 = `32010619850212${String(seq).padStart(3, '0')}`;
        expect(idNumberCheckChar(first17), first17).toBe(checkChar(first17));
        seen.add(checkChar(first17));
      }
      expect([...seen].sort().join('')).toBe('0123456789X');
    });
  });

  describe('invalid numbers', () => {
    it('rejects an ID number whose check digit is wrong', () => {
      expect(findIdNumberProblem(withWrongCheck('11010519491231002'), TODAY)).toBe('checksum');
      expect(findIdNumberProblem(withWrongCheck('43010219900307123'), TODAY)).toBe('checksum');
      expect(findIdNumberProblem('110105194912310020', TODAY)).toBe('checksum');
      expect(isValidIdNumber('110105194912310020', TODAY)).toBe(false);
    });

    it('rejects an X check character where a digit is due', () => {
      expect(checkChar('43010219900307123')).not.toBe('X');
      expect(findIdNumberProblem('43010219900307123X', TODAY)).toBe('checksum');
    });

    it('rejects 17 or 19 characters as a format problem', () => {
      expect(findIdNumberProblem('11010519491231002', TODAY)).toBe('format');
      expect(findIdNumberProblem('11010519491231002X0', TODAY)).toBe('format');
      expect(findIdNumberProblem('4301021990030712340', TODAY)).toBe('format');
      expect(findIdNumberProblem('', TODAY)).toBe('format');
    });

    it('rejects letters inside the number as a format problem', () => {
      expect(findIdNumberProblem('1101051949123A002X', TODAY)).toBe('format');
      expect(findIdNumberProblem('X10105194912310020', TODAY)).toBe('format');
      // X is only allowed as the last character.
      expect(findIdNumberProblem('11010519491231X020', TODAY)).toBe('format');
      // 15-digit first-generation numbers are not accepted.
      expect(findIdNumberProblem('110105491231002', TODAY)).toBe('format');
    });

    it('rejects the region codes 00 and 99 even with a correct check digit', () => {
      expect(findIdNumberProblem(id('00010519491231002'), TODAY)).toBe('region');
      expect(findIdNumberProblem(id('99010519491231002'), TODAY)).toBe('region');
    });

    it('rejects 30 February', () => {
      expect(findIdNumberProblem(id('11010119900230001'), TODAY)).toBe('birthDate');
    });

    it('rejects 29 February in a non-leap year (2023) but accepts it in 2024', () => {
      expect(findIdNumberProblem(id('11010120230229001'), TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(id('11010120240229001'), TODAY)).toBeNull();
    });

    it('rejects 29 February 1900, which was not a leap year', () => {
      expect(findIdNumberProblem(id('11010119000229001'), TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(id('11010120000229001'), TODAY)).toBeNull();
    });

    it('rejects month 13 and month 00', () => {
      expect(findIdNumberProblem(id('11010119901301001'), TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(id('11010119900001001'), TODAY)).toBe('birthDate');
    });

    it('rejects day 00 and day 32', () => {
      expect(findIdNumberProblem(id('11010119900100001'), TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(id('11010119900132001'), TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(id('11010119900431001'), TODAY)).toBe('birthDate');
    });

    it('rejects a birth date in the future, judged against the given today', () => {
      const number = id('11010120300101001');
      expect(findIdNumberProblem(number, TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(number, new Date('2031-01-01T12:00:00Z'))).toBeNull();
    });

    it('rejects a birth date before 1900', () => {
      expect(findIdNumberProblem(id('44052418991231001'), TODAY)).toBe('birthDate');
      expect(findIdNumberProblem(id('44052418800101001'), TODAY)).toBe('birthDate');
    });

    it('reports a bad region before a bad date or checksum', () => {
      expect(findIdNumberProblem(withWrongCheck('99010119901301001'), TODAY)).toBe('region');
    });

    it('reports a bad date before a bad checksum', () => {
      expect(findIdNumberProblem(withWrongCheck('11010119901301001'), TODAY)).toBe('birthDate');
    });
  });

  describe('genderFromIdNumber', () => {
    it('reads an odd 17th digit as male and an even one as female', () => {
      expect(genderFromIdNumber('430102199003071234')).toBe('male'); // 17th digit 3
      expect(genderFromIdNumber('11010519491231002X')).toBe('female'); // 17th digit 2
      expect(genderFromIdNumber(id('11010119900307001'))).toBe('male');
      expect(genderFromIdNumber(id('11010119900307000'))).toBe('female');
      expect(genderFromIdNumber(id('11010119900307009'))).toBe('male');
    });
  });

  describe('birthDateFromIdNumber', () => {
    it('returns the encoded date as YYYY-MM-DD', () => {
      expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
      expect(birthDateFromIdNumber('430102199003071234')).toBe('1990-03-07');
      expect(birthDateFromIdNumber(id('51010720240229001'))).toBe('2024-02-29');
    });

    it('returns null for a date that does not exist', () => {
      expect(birthDateFromIdNumber(id('11010120230229001'))).toBeNull();
      expect(birthDateFromIdNumber(id('11010119901301001'))).toBeNull();
      expect(birthDateFromIdNumber(id('11010119900100001'))).toBeNull();
      expect(birthDateFromIdNumber('110101ABCD0101001X')).toBeNull();
    });
  });
});

describe('mobile numbers', () => {
  it('accepts 11 digits starting with 13 to 19', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(isValidMobile(`${prefix}812345678`), prefix).toBe(true);
    }
  });

  it('rejects numbers starting with 10, 11 or 12', () => {
    expect(isValidMobile('10812345678')).toBe(false);
    expect(isValidMobile('11812345678')).toBe(false);
    expect(isValidMobile('12812345678')).toBe(false);
  });

  it('rejects numbers not starting with 1', () => {
    expect(isValidMobile('23812345678')).toBe(false);
  });

  it('rejects 10 or 12 digits', () => {
    expect(isValidMobile('1381234567')).toBe(false);
    expect(isValidMobile('138123456789')).toBe(false);
  });

  it('rejects letters, spaces and a country code', () => {
    expect(isValidMobile('1381234567a')).toBe(false);
    expect(isValidMobile('138 1234 5678')).toBe(false);
    expect(isValidMobile('+8613812345678')).toBe(false);
    expect(isValidMobile('')).toBe(false);
  });
});

describe('masks shown on screens', () => {
  it('masks an 18-character ID number to the first four and last four characters', () => {
    expect(maskIdNumber('430102199003071234')).toBe('4301**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a mobile number to 138****5678', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('masks a two-character name to the surname and one star', () => {
    expect(maskName('张三')).toBe('张*');
  });

  it('keeps the first and last character of a three-character name', () => {
    expect(maskName('李小明')).toBe('李*明');
  });

  it('masks all middle characters of a four-character name', () => {
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('阿卜杜·热合曼')).toBe('阿*****曼');
  });

  it('counts characters outside the Basic Multilingual Plane as one character', () => {
    // 𠮷 is a single character written as two UTF-16 code units.
    expect(maskName('𠮷大')).toBe('𠮷*');
    expect(maskName('王𠮷明')).toBe('王*明');
  });

  it('leaves a single character or an empty name as it is', () => {
    expect(maskName('张')).toBe('张');
    expect(maskName('')).toBe('');
  });

  it('does not throw on short inputs and never shows more than it hides', () => {
    for (const input of ['', '1', '1234', '1234567']) {
      expect(() => maskIdNumber(input)).not.toThrow();
      expect(maskIdNumber(input)).toBe('*'.repeat(input.length));
    }
    for (const input of ['', '1', '138', '138123']) {
      expect(() => maskMobile(input)).not.toThrow();
      expect(maskMobile(input)).toBe('*'.repeat(input.length));
    }
  });

  it('keeps the length of the masked value', () => {
    expect(maskIdNumber('430102199003071234')).toHaveLength(18);
    expect(maskMobile('13812345678')).toHaveLength(11);
  });
});

describe('dates are China dates', () => {
  it('accepts a baby born today in China even while it is still yesterday in UTC', () => {
    // 2026-03-10 07:00 in Beijing is 2026-03-09 23:00 UTC.
    const earlyMorningInBeijing = new Date('2026-03-09T23:00:00Z');
    const bornToday = id('33010620260310001');
    expect(findIdNumberProblem(bornToday, earlyMorningInBeijing)).toBeNull();
    expect(findIdNumberProblem(id('33010620260311001'), earlyMorningInBeijing)).toBe('birthDate');
  });
});
