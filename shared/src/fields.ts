/** zod fields for personal data, carrying the identity rules and Chinese messages. */
import { z } from 'zod';
import { findIdNumberProblem, ID_NUMBER_PROBLEM_MESSAGES, isValidMobile, normalizeIdNumber } from './identity';

export const IdNumberSchema = z
  .string()
  .max(30, '身份证号过长')
  .transform(normalizeIdNumber)
  .superRefine((value, ctx) => {
    const problem = findIdNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_PROBLEM_MESSAGES[problem] });
  })
  .describe('18位居民身份证号');

export const MobileSchema = z
  .string()
  .max(20, '手机号应为11位中国大陆手机号')
  // People paste numbers as "138 1234 5678" or "138-1234-5678".
  .transform((value) => value.replace(/[\s-]/g, ''))
  .refine(isValidMobile, '手机号应为11位中国大陆手机号')
  .describe('11位手机号');

export const PersonNameSchema = z
  .string()
  .trim()
  .min(2, '姓名至少2个字')
  .max(20, '姓名最多20个字')
  .regex(/^[\u4e00-\u9fa5·•A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号')
  .describe('与身份证一致的姓名');
