/**
 * The question sheet (.xlsx): its columns, reading it into rows, checking each row with a
 * Chinese reason a clerk can act on (row number as Excel shows it), and the template to fill in.
 */
import ExcelJS from 'exceljs';
import {
  MAX_QUESTION_IMPORT_ROWS,
  MAX_QUIZ_CHOICE_OPTIONS,
  QUIZ_OPTION_LETTERS,
  QuizQuestionInputSchema,
  type QuizQuestionType,
} from '@union/shared';
import type { z } from 'zod';
import { BadRequestError } from '../../http/errors';
import { stemKeyOf } from './question.model';
import { answerProblem } from './questions.service';

type QuestionInput = z.output<typeof QuizQuestionInputSchema>;

export const OPTION_HEADERS = QUIZ_OPTION_LETTERS.map((letter) => `选项${letter}`);
export const SHEET_HEADERS = ['题型', '题干', ...OPTION_HEADERS, '答案', '解析', '分类'];

const TYPE_NAMES: Record<string, QuizQuestionType> = {
  单选: 'single',
  单选题: 'single',
  single: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  multiple: 'multiple',
  判断: 'true_false',
  判断题: 'true_false',
  true_false: 'true_false',
};
const TRUE_WORDS = new Set(['正确', '对', '√', '是', 'A', 'T', 'TRUE']);
const FALSE_WORDS = new Set(['错误', '错', '×', '否', 'B', 'F', 'FALSE']);

export interface SheetRow {
  number: number;
  cells: Map<string, string>;
}

export interface SheetProblem {
  row: number;
  column: string;
  message: string;
}

export async function readQuestionSheet(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw BadRequestError('无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏', 'unreadable_sheet');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw BadRequestError('Excel 文件里没有工作表', 'unreadable_sheet');
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
    headers[column] = cell.text.trim();
  });
  const missing = ['题型', '题干', '答案'].filter((name) => !headers.includes(name));
  if (missing.length > 0) {
    throw BadRequestError(`表头缺少“${missing.join('”“')}”列，请使用导入模板`, 'bad_sheet_header');
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = new Map<string, string>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const header = headers[column];
      if (header) cells.set(header, cell.text.trim());
    });
    if ([...cells.values()].some((text) => text !== '')) rows.push({ number, cells });
  });
  if (rows.length > MAX_QUESTION_IMPORT_ROWS) {
    throw BadRequestError(`一次最多导入${MAX_QUESTION_IMPORT_ROWS}题，请分成几个表格导入`, 'sheet_too_long');
  }
  return rows;
}

function parseAnswer(type: QuizQuestionType, text: string): string[] | string {
  const compact = text.replace(/[\s,，、;；]/g, '').toUpperCase();
  if (type === 'true_false') {
    if (TRUE_WORDS.has(compact)) return ['A'];
    if (FALSE_WORDS.has(compact)) return ['B'];
    return '判断题的答案应为“正确”或“错误”';
  }
  if (!/^[A-H]+$/.test(compact)) return '答案应为选项字母，如 A 或 ACD';
  return [...compact];
}

const problemAt = (row: number, column: string, message: string): SheetProblem => ({ row, column, message });

/** One row as a question input, or the problems that keep it out. */
export function questionOfRow(row: SheetRow): QuestionInput | SheetProblem[] {
  const cell = (name: string) => row.cells.get(name) ?? '';
  const type = TYPE_NAMES[cell('题型')];
  if (!type) {
    const message = cell('题型') ? '题型应为单选题、多选题或判断题' : '缺少题型';
    return [problemAt(row.number, '题型', message)];
  }
  const texts = OPTION_HEADERS.map(cell);
  const lastFilled = texts.reduce((last, text, index) => (text ? index : last), -1);
  const options = texts.slice(0, lastFilled + 1);
  const problems: SheetProblem[] = [];
  if (type !== 'true_false' && options.some((text) => text === '')) {
    problems.push(problemAt(row.number, '选项', '选项应从选项A起依次填写，中间不能空'));
  }
  if (!cell('答案')) return [...problems, problemAt(row.number, '答案', '缺少答案')];
  const answer = parseAnswer(type, cell('答案'));
  if (typeof answer === 'string') return [...problems, problemAt(row.number, '答案', answer)];
  const parsed = QuizQuestionInputSchema.safeParse({
    type,
    stem: cell('题干'),
    options: type === 'true_false' ? [] : options.slice(0, MAX_QUIZ_CHOICE_OPTIONS),
    answer,
    explanation: cell('解析'),
    category: cell('分类'),
  });
  if (!parsed.success) {
    const columns: Record<string, string> = {
      stem: '题干',
      options: '选项',
      answer: '答案',
      explanation: '解析',
      category: '分类',
    };
    for (const issue of parsed.error.issues) {
      problems.push(problemAt(row.number, columns[String(issue.path[0])] ?? '题干', issue.message));
    }
    return problems;
  }
  const mismatch = answerProblem(parsed.data);
  if (mismatch) problems.push(problemAt(row.number, '答案', mismatch));
  return problems.length > 0 ? problems : parsed.data;
}

/** Every row checked, duplicates refused within the sheet and against the bank. */
export function checkQuestionRows(rows: SheetRow[], existingStemKeys: Set<string>) {
  const questions: QuestionInput[] = [];
  const problems: SheetProblem[] = [];
  let invalidRows = 0;
  const seen = new Map<string, number>();
  for (const row of rows) {
    const result = questionOfRow(row);
    let rowProblems = Array.isArray(result) ? result : [];
    if (!Array.isArray(result)) {
      const key = stemKeyOf(result.stem);
      const earlier = seen.get(key);
      if (earlier !== undefined) rowProblems = [problemAt(row.number, '题干', `与第${earlier}行题干重复`)];
      else if (existingStemKeys.has(key)) rowProblems = [problemAt(row.number, '题干', '题库中已有相同题干的题目')];
      else seen.set(key, row.number);
      if (rowProblems.length === 0) questions.push(result);
    }
    if (rowProblems.length > 0) {
      invalidRows += 1;
      problems.push(...rowProblems);
    }
  }
  return { questions, problems, invalidRows };
}

/** The template: the columns, three sample rows and a sheet of instructions. */
export async function questionTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题目');
  sheet.addRow(SHEET_HEADERS);
  sheet.getRow(1).font = { bold: true };
  const sample = (
    type: string,
    stem: string,
    options: string[],
    answer: string,
    explanation: string,
    category: string,
  ) =>
    sheet.addRow([
      type,
      stem,
      ...options,
      ...Array(OPTION_HEADERS.length - options.length).fill(''),
      answer,
      explanation,
      category,
    ]);
  sample(
    '单选题',
    '《中华人民共和国工会法》规定，工会是哪里的群众组织？',
    ['职工自愿结合的工人阶级', '企业管理者', '政府部门', '行业协会'],
    'A',
    '工会法第二条。',
    '工会法',
  );
  sample(
    '多选题',
    '发生火灾时，正确的做法有哪些？',
    ['用湿毛巾捂住口鼻', '乘坐电梯逃生', '弯腰低姿沿疏散通道撤离', '拨打119报警'],
    'ACD',
    '火灾时不能乘坐电梯。',
    '安全生产',
  );
  sample(
    '判断题',
    '进入有限空间作业前，应当先通风、再检测、后作业。',
    [],
    '正确',
    '有限空间作业须“先通风、再检测、后作业”。',
    '安全生产',
  );
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 48 : index === SHEET_HEADERS.length - 2 ? 36 : 14;
  });
  const help = workbook.addWorksheet('填写说明');
  for (const line of [
    '第一行是表头，请勿修改；从第二行起每行一道题。',
    '题型：单选题、多选题或判断题。',
    '选项：选择题从“选项A”起依次填写，至少2个、最多8个；判断题不填选项，固定为“正确 / 错误”。',
    '答案：选择题填选项字母，多选题连写，如 ACD；判断题填“正确”或“错误”。',
    '多选题的答案至少两项，全部选对才得分。',
    '解析：交卷后向答题人展示（可不填）。分类：如“安全生产”“工会法”，组卷规则可按分类抽题（可不填）。',
    '同一题库中题干不能重复。',
  ]) {
    help.addRow([line]);
  }
  help.getColumn(1).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
