/**
 * An activity's extra questions (尺码, 紧急联系人 …): how an organiser defines them, and the
 * schema that checks a member's answers against that definition. The BFF validates sign-ups
 * with the same schema the sign-up page uses to show the member what to fix, so the two can
 * never disagree. Lengths count characters as people see them (an emoji is one).
 */
import { z } from 'zod';

export const QUESTION_TYPE_TABLE = {
  short_text: { label: '简答' },
  single_choice: { label: '单选' },
  multiple_choice: { label: '多选' },
} as const satisfies Record<string, { label: string }>;

export type QuestionType = keyof typeof QUESTION_TYPE_TABLE;
export const QUESTION_TYPES = Object.keys(QUESTION_TYPE_TABLE) as [QuestionType, ...QuestionType[]];
export const QuestionTypeSchema = z.enum(QUESTION_TYPES, { error: '请选择题型' });

export const MAX_QUESTIONS = 20;
export const MAX_OPTIONS = 30;
export const MAX_ANSWER_LENGTH = 500;

const characters = (text: string) => Array.from(text).length;

const questionBase = {
  /** Stable across edits, so answers already given stay attached to their question. */
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/, '问题编号应为1至32位小写字母、数字、下划线或短横线'),
  title: z.string().trim().min(1, '请填写问题').max(60, '问题最多60个字'),
  required: z.boolean(),
};

const OptionsSchema = z
  .array(z.string().trim().min(1, '选项不能为空').max(30, '选项最多30个字'))
  .min(2, '至少需要2个选项')
  .max(MAX_OPTIONS, `最多${MAX_OPTIONS}个选项`)
  .refine((options) => new Set(options).size === options.length, '选项不能重复');

export const ActivityQuestionSchema = z.discriminatedUnion('type', [
  z.object({
    ...questionBase,
    type: z.literal('short_text'),
    maxLength: z
      .number()
      .int()
      .min(1, '字数上限至少为1')
      .max(MAX_ANSWER_LENGTH, `字数上限不能超过${MAX_ANSWER_LENGTH}`),
  }),
  z.object({ ...questionBase, type: z.literal('single_choice'), options: OptionsSchema }),
  z
    .object({
      ...questionBase,
      type: z.literal('multiple_choice'),
      options: OptionsSchema,
      minPicks: z.number().int().min(0),
      maxPicks: z.number().int().min(1, '最多可选数至少为1'),
    })
    .refine((question) => question.minPicks <= question.maxPicks, {
      message: '最少可选数不能大于最多可选数',
      path: ['minPicks'],
    })
    .refine((question) => question.maxPicks <= question.options.length, {
      message: '最多可选数不能超过选项数',
      path: ['maxPicks'],
    }),
]);
export type ActivityQuestion = z.infer<typeof ActivityQuestionSchema>;

export const ActivityQuestionsSchema = z
  .array(ActivityQuestionSchema)
  .max(MAX_QUESTIONS, `最多${MAX_QUESTIONS}个问题`)
  .refine(
    (questions) => new Set(questions.map((question) => question.id)).size === questions.length,
    '问题编号不能重复',
  );

/** A member's answers, keyed by question id: text for 简答 and 单选, the picked options for 多选. */
export type ActivityAnswers = Record<string, string | string[]>;

function answerSchema(question: ActivityQuestion): z.ZodType {
  const named = `“${question.title}”`;
  const missing = question.type === 'short_text' ? `请填写${named}` : `请选择${named}`;
  const notAnOption = `${named}的选项不在可选范围内`;

  switch (question.type) {
    case 'short_text': {
      const text = z
        .string({ error: (issue) => (issue.input === undefined ? missing : `${named}应为文字`) })
        .trim()
        .refine((answer) => characters(answer) <= question.maxLength, `${named}最多${question.maxLength}个字`);
      // An optional question left blank is the same as one not answered.
      return question.required ? text.refine((answer) => answer.length > 0, missing) : text.optional();
    }
    case 'single_choice': {
      const choice = z
        .string({ error: (issue) => (issue.input === undefined ? missing : notAnOption) })
        .refine((answer) => question.options.includes(answer), notAnOption);
      return question.required ? choice : choice.optional();
    }
    case 'multiple_choice': {
      const { minPicks, maxPicks, required } = question;
      // An optional question may be left with nothing picked; anything picked keeps the minimum.
      const fewest = Math.max(minPicks, 1);
      const picks = z
        .array(
          z.string().refine((answer) => question.options.includes(answer), notAnOption),
          {
            error: (issue) => (issue.input === undefined ? missing : `${named}应为所选选项的列表`),
          },
        )
        .refine((answer) => new Set(answer).size === answer.length, `${named}的选项不能重复选择`)
        .refine((answer) => answer.length > 0 || !required, missing)
        .refine((answer) => answer.length === 0 || answer.length >= fewest, `${named}至少选${fewest}项`)
        .refine((answer) => answer.length <= maxPicks, `${named}最多选${maxPicks}项`);
      return question.required ? picks : picks.optional();
    }
  }
}

/**
 * The schema of a member's answers to these questions: every required question answered,
 * every answer within its definition, and no answer to a question the activity does not ask.
 */
export function answersSchemaFor(questions: readonly ActivityQuestion[]): z.ZodType<ActivityAnswers> {
  const shape = Object.fromEntries(questions.map((question) => [question.id, answerSchema(question)]));
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? '回答了本活动没有的问题' : '请填写报名信息'),
  }) as unknown as z.ZodType<ActivityAnswers>;
}
