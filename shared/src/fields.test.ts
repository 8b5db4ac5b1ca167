import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { IdNumberSchema, MobileSchema, PersonNameSchema } from './fields';

/** The messages of a failed parse, or a marker when the value was accepted. */
function messagesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return ['<accepted>'];
  return result.error.issues.map((issue) => issue.message);
}

describe('IdNumberSchema', () => {
  it('accepts a valid ID number unchanged', () => {
    expect(IdNumberSchema.parse('430102199003071234')).toBe('430102199003071234');
  });

  it('normalizes spaces and a lowercase x', () => {
    expect(IdNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(IdNumberSchema.parse(' 110105 1949 1231 002x ')).toBe('11010519491231002X');
  });

  it('explains a malformed number', () => {
    expect(messagesOf(IdNumberSchema, '11010519491231002')).toEqual(['身份证号应为18位，最后一位可以是数字或X']);
    expect(messagesOf(IdNumberSchema, '1101051949123A002X')).toEqual(['身份证号应为18位，最后一位可以是数字或X']);
  });

  it('explains a wrong region code', () => {
    // 99 + the rest of the sample, check digit recomputed: 990105194912310023 passes the checksum.
    expect(messagesOf(IdNumberSchema, '990105194912310023')).toEqual(['身份证号的地区码不正确']);
  });

  it('explains an impossible or future birth date', () => {
    // 2023-02-29 does not exist; check digit is correct for the first 17 digits.
    expect(messagesOf(IdNumberSchema, '110101202302290019')).toEqual(['身份证号中的出生日期不正确']);
    // Born in 2099.
    expect(messagesOf(IdNumberSchema, '110101209901010017')).toEqual(['身份证号中的出生日期不正确']);
  });

  it('explains a wrong check digit', () => {
    expect(messagesOf(IdNumberSchema, '110105194912310020')).toEqual(['身份证号校验位不正确，请核对后重新输入']);
  });

  it('rejects absurdly long input before doing any work on it', () => {
    expect(messagesOf(IdNumberSchema, '1'.repeat(31))).toEqual(['身份证号过长']);
  });

  it('rejects a value that is not a string', () => {
    expect(IdNumberSchema.safeParse(110105194912310020).success).toBe(false);
  });
});

describe('MobileSchema', () => {
  it('accepts an 11-digit mainland mobile number and trims it', () => {
    expect(MobileSchema.parse('13812345678')).toBe('13812345678');
    expect(MobileSchema.parse(' 19912345678 ')).toBe('19912345678');
  });

  it('accepts a number pasted with spaces or dashes', () => {
    expect(MobileSchema.parse('138 1234 5678')).toBe('13812345678');
    expect(MobileSchema.parse('138-1234-5678')).toBe('13812345678');
  });

  it('rejects anything else with one Chinese message', () => {
    for (const value of ['12812345678', '1381234567', '138123456789', '1381234567a', '']) {
      expect(messagesOf(MobileSchema, value), value).toEqual(['手机号应为11位中国大陆手机号']);
    }
  });
});

describe('PersonNameSchema', () => {
  it('accepts ordinary Chinese names and trims them', () => {
    expect(PersonNameSchema.parse('张三')).toBe('张三');
    expect(PersonNameSchema.parse(' 欧阳娜娜 ')).toBe('欧阳娜娜');
  });

  it('accepts a Uyghur name written with the middle dot', () => {
    expect(PersonNameSchema.parse('阿卜杜·热合曼')).toBe('阿卜杜·热合曼');
  });

  it('rejects a name that is too short', () => {
    expect(messagesOf(PersonNameSchema, '张')).toEqual(['姓名至少2个字']);
    expect(messagesOf(PersonNameSchema, '  张  ')).toEqual(['姓名至少2个字']);
  });

  it('accepts 20 characters but not 21', () => {
    expect(PersonNameSchema.parse('张'.repeat(20))).toBe('张'.repeat(20));
    expect(messagesOf(PersonNameSchema, '张'.repeat(21))).toEqual(['姓名最多20个字']);
  });

  it('rejects digits and other symbols', () => {
    expect(messagesOf(PersonNameSchema, '张3')).toEqual(['姓名只能包含汉字、字母和间隔号']);
    expect(messagesOf(PersonNameSchema, '张三!')).toEqual(['姓名只能包含汉字、字母和间隔号']);
    expect(messagesOf(PersonNameSchema, '<script>')).toEqual(['姓名只能包含汉字、字母和间隔号']);
  });
});
