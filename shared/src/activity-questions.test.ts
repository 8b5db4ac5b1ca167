/** Activities' extra questions: what an organiser may define, and how a member's answers are checked. */
import { describe, expect, it } from 'vitest';
import {
  type ActivityQuestion,
  ActivityQuestionSchema,
  ActivityQuestionsSchema,
  answersSchemaFor,
} from './activity-questions';

const size: ActivityQuestion = {
  id: 'size',
  type: 'single_choice',
  title: '尺码',
  required: true,
  options: ['S', 'M', 'L', 'XL'],
};
const contact: ActivityQuestion = {
  id: 'contact',
  type: 'short_text',
  title: '紧急联系人',
  required: true,
  maxLength: 10,
};
const note: ActivityQuestion = { id: 'note', type: 'short_text', title: '备注', required: false, maxLength: 20 };
const sports: ActivityQuestion = {
  id: 'sports',
  type: 'multiple_choice',
  title: '参加项目',
  required: true,
  options: ['乒乓球', '篮球', '象棋', '拔河'],
  minPicks: 1,
  maxPicks: 2,
};
const questions = [size, contact, note, sports];
const valid = { size: 'M', contact: '李四 妻子', sports: ['乒乓球', '象棋'] };

/** The messages a member would see for these answers. */
function problems(answers: unknown, asked: readonly ActivityQuestion[] = questions): string[] {
  const result = answersSchemaFor(asked).safeParse(answers);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('defining questions', () => {
  it('accepts each type of question', () => {
    expect(ActivityQuestionsSchema.parse(questions)).toHaveLength(4);
  });

  it('refuses a choice with fewer than two options or repeated options', () => {
    const one = ActivityQuestionSchema.safeParse({ ...size, options: ['均码'] });
    expect(one.error?.issues[0]?.message).toBe('至少需要2个选项');
    const twice = ActivityQuestionSchema.safeParse({ ...size, options: ['M', 'M'] });
    expect(twice.error?.issues[0]?.message).toBe('选项不能重复');
  });

  it('refuses picks that cannot be satisfied', () => {
    const inverted = ActivityQuestionSchema.safeParse({ ...sports, minPicks: 3, maxPicks: 2 });
    expect(inverted.error?.issues[0]?.message).toBe('最少可选数不能大于最多可选数');
    const tooMany = ActivityQuestionSchema.safeParse({ ...sports, minPicks: 1, maxPicks: 5 });
    expect(tooMany.error?.issues[0]?.message).toBe('最多可选数不能超过选项数');
  });

  it('refuses two questions with the same id', () => {
    const result = ActivityQuestionsSchema.safeParse([size, { ...contact, id: 'size' }]);
    expect(result.error?.issues[0]?.message).toBe('问题编号不能重复');
  });
});

describe('answering', () => {
  it('accepts complete answers and trims text', () => {
    expect(problems(valid)).toEqual([]);
    expect(answersSchemaFor(questions).parse({ ...valid, contact: '  李四  ' })).toMatchObject({ contact: '李四' });
  });

  it('accepts an activity without questions answered with nothing', () => {
    expect(problems({}, [])).toEqual([]);
  });

  describe('short text', () => {
    it('asks for a missing or blank required answer', () => {
      expect(problems({ ...valid, contact: undefined })).toEqual(['请填写“紧急联系人”']);
      expect(problems({ ...valid, contact: '   ' })).toEqual(['请填写“紧急联系人”']);
    });

    it('refuses an answer longer than allowed, counting characters as people do', () => {
      expect(problems({ ...valid, contact: '一二三四五六七八九十' })).toEqual([]);
      expect(problems({ ...valid, contact: '一二三四五六七八九十一' })).toEqual(['“紧急联系人”最多10个字']);
      expect(problems({ ...valid, contact: '😀😀😀😀😀😀😀😀😀😀' })).toEqual([]);
    });

    it('lets an optional question be skipped or left blank', () => {
      expect(problems({ ...valid, note: '' })).toEqual([]);
      expect(problems({ ...valid, note: '素食' })).toEqual([]);
    });
  });

  describe('single choice', () => {
    it('refuses an option the question does not offer', () => {
      expect(problems({ ...valid, size: 'XXL' })).toEqual(['“尺码”的选项不在可选范围内']);
    });

    it('asks for a missing required choice', () => {
      expect(problems({ contact: valid.contact, sports: valid.sports })).toEqual(['请选择“尺码”']);
    });
  });

  describe('multiple choice', () => {
    it('refuses too many picks', () => {
      expect(problems({ ...valid, sports: ['乒乓球', '篮球', '象棋'] })).toEqual(['“参加项目”最多选2项']);
    });

    it('refuses an unknown option and a repeated pick', () => {
      expect(problems({ ...valid, sports: ['游泳'] })).toEqual(['“参加项目”的选项不在可选范围内']);
      expect(problems({ ...valid, sports: ['篮球', '篮球'] })).toEqual(['“参加项目”的选项不能重复选择']);
    });

    it('asks for at least one pick when required, and for the minimum when set', () => {
      expect(problems({ ...valid, sports: [] })).toEqual(['请选择“参加项目”']);
      expect(problems({ ...valid, sports: undefined })).toEqual(['请选择“参加项目”']);
      const atLeastTwo = { ...sports, minPicks: 2, maxPicks: 3 };
      expect(problems({ sports: ['篮球'] }, [atLeastTwo])).toEqual(['“参加项目”至少选2项']);
    });

    it('lets an optional question be skipped, but keeps its minimum once answered', () => {
      const optional = { ...sports, required: false, minPicks: 2, maxPicks: 3 };
      expect(problems({}, [optional])).toEqual([]);
      expect(problems({ sports: [] }, [optional])).toEqual([]);
      expect(problems({ sports: ['篮球'] }, [optional])).toEqual(['“参加项目”至少选2项']);
    });
  });

  it('refuses an answer to a question the activity does not ask', () => {
    expect(problems({ ...valid, shoeSize: '42' })).toEqual(['回答了本活动没有的问题']);
  });

  it('refuses answers that are not an object of answers', () => {
    expect(problems(null)).toEqual(['请填写报名信息']);
  });
});
