/**
 * The organiser's bank over HTTP: the template, importing a sheet (dry run naming each bad row,
 * all-or-nothing commit, thousands of rows), editing while a draft, the list with search, and
 * publishing — refused rule by rule when the bank is short, and the bank frozen afterwards.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { QuestionModel } from './question.model';
import { generatedQuestions, organiser, questionSheet, quizInput, uploadSheet } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-bank');
}, 60_000);
afterAll(() => api.stop());

async function draftQuiz(overrides = {}): Promise<string> {
  const created = await api.request('POST', '/api/staff/quizzes', { token: staff, body: quizInput(orgs, overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.id;
}

describe('the import template', () => {
  it('downloads an .xlsx whose header row is the one the import reads, with samples it accepts', async () => {
    const response = await fetch(`${api.url}/api/staff/quiz-question-template`, {
      headers: { Authorization: `Bearer ${staff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).text).toBe('题型');
    const quizId = await draftQuiz();
    const dryRun = await uploadSheet(api, staff, quizId, bytes, 'dry-run');
    expect(dryRun.body).toMatchObject({ rows: 3, validRows: 3, problems: [], created: 0 });
  });
});

describe('importing questions', () => {
  it('reports each bad row with its row number and a reason, and commits nothing while any row is bad', async () => {
    const quizId = await draftQuiz();
    const good = generatedQuestions({ single: 2, multiple: 1, trueFalse: 1 });
    const sheet = await questionSheet([
      ...good, // rows 2–5
      ['单选题', '没有答案的题', '甲', '乙', '', '', '', '', '', '', '', '解析', ''], // row 6
      ['单选题', '答案不在选项中的题', '甲', '乙', '', '', '', '', '', '', 'E', '', ''], // row 7
      ['问答题', '题型不认识的题', '甲', '乙', '', '', '', '', '', '', 'A', '', ''], // row 8
      ['单选题', good[0]!.stem, '甲', '乙', '', '', '', '', '', '', 'A', '', ''], // row 9: same stem as row 2
      ['多选题', '多选题只有一个答案', '甲', '乙', '丙', '', '', '', '', '', 'B', '', ''], // row 10
    ]);
    const dryRun = await uploadSheet(api, staff, quizId, sheet, 'dry-run');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ mode: 'dry-run', rows: 9, validRows: 4, invalidRows: 5, created: 0 });
    const byRow = Object.fromEntries(
      dryRun.body.problems.map((p: { row: number; message: string }) => [p.row, p.message]),
    );
    expect(byRow).toEqual({
      6: '缺少答案',
      7: '答案 E 不在选项中',
      8: '题型应为单选题、多选题或判断题',
      9: '与第2行题干重复',
      10: '多选题的答案至少两项',
    });
    const commit = await uploadSheet(api, staff, quizId, sheet, 'commit');
    expect(commit.body.created).toBe(0);
    expect(await QuestionModel.countDocuments({ quizId })).toBe(0);
  });

  it('commits a clean sheet of 3,000 questions, then refuses the same stems a second time', async () => {
    const quizId = await draftQuiz();
    const bank = generatedQuestions({ single: 1500, multiple: 800, trueFalse: 700 });
    const sheet = await questionSheet(bank);
    const commit = await uploadSheet(api, staff, quizId, sheet, 'commit');
    expect(commit.status, JSON.stringify(commit.body).slice(0, 300)).toBe(200);
    expect(commit.body).toMatchObject({ rows: 3000, validRows: 3000, created: 3000 });
    expect(commit.body.bank.byType).toEqual({ single: 1500, multiple: 800, true_false: 700 });
    const again = await uploadSheet(api, staff, quizId, await questionSheet(bank.slice(0, 3)), 'dry-run');
    expect(again.body.problems.map((p: { message: string }) => p.message)).toEqual(
      Array(3).fill('题库中已有相同题干的题目'),
    );
    const page = await api.request(
      'GET',
      `/api/staff/quizzes/${quizId}/questions?q=${encodeURIComponent('多选题第12题')}&limit=5`,
      {
        token: staff,
      },
    );
    expect(page.body.items.map((q: { stem: string }) => q.stem)).toEqual(['多选题第12题：哪些正确？']);
    const judgements = await api.request('GET', `/api/staff/quizzes/${quizId}/questions?type=true_false&limit=50`, {
      token: staff,
    });
    expect(judgements.body.items).toHaveLength(50);
    expect(
      judgements.body.items.every(
        (q: { type: string; options: string[] }) => q.type === 'true_false' && q.options[0] === '正确',
      ),
    ).toBe(true);
    expect(judgements.body.nextCursor).not.toBeNull();
  }, 120_000);

  it('refuses a file that is not a spreadsheet, and a sheet without the template header', async () => {
    const quizId = await draftQuiz();
    const text = await fetch(`${api.url}/api/staff/quizzes/${quizId}/questions/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'text/csv' },
      body: 'a,b,c',
    });
    expect(text.status).toBe(415);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['问题', '回答']);
    const noHeader = await uploadSheet(api, staff, quizId, Buffer.from(await workbook.xlsx.writeBuffer()), 'dry-run');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.message).toContain('题型');
  });
});

describe('editing and publishing', () => {
  it('refuses to publish while a rule lacks questions, naming each rule, then freezes the bank once published', async () => {
    const quizId = await draftQuiz({
      rules: [
        { type: 'single', category: '工会法', count: 2, points: 5 },
        { type: 'single', category: null, count: 3, points: 5 },
        { type: 'true_false', category: null, count: 1, points: 5 },
      ],
    });
    const add = (body: object) => api.request('POST', `/api/staff/quizzes/${quizId}/questions`, { token: staff, body });
    for (const [index, category] of ['工会法', '工会法', '安全生产', '安全生产'].entries()) {
      const added = await add({
        type: 'single',
        stem: `第${index}道单选题`,
        options: ['甲', '乙'],
        answer: ['A'],
        category,
      });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
    }
    const refused = await api.request('POST', `/api/staff/quizzes/${quizId}/publish`, { token: staff });
    expect(refused.status).toBe(400);
    // The category rule takes both 工会法 questions first, leaving 2 for the general single rule.
    expect(refused.body.error.details).toEqual([
      { path: 'rules.1', message: '第2条规则需要3道单选题，题库中只有2道可用' },
      { path: 'rules.2', message: '第3条规则需要1道判断题，题库中只有0道可用' },
    ]);
    const detail = await api.request('GET', `/api/staff/quizzes/${quizId}`, { token: staff });
    expect(detail.body.ruleCheck.map((rule: { ok: boolean }) => rule.ok)).toEqual([true, false, false]);
    const edited = await add({ type: 'single', stem: '第五道单选题', options: ['甲', '乙', '丙'], answer: ['C'] });
    const wrongAnswer = await add({ type: 'single', stem: '答案超出选项', options: ['甲', '乙'], answer: ['C'] });
    expect(wrongAnswer.status).toBe(400);
    expect(wrongAnswer.body.error.details).toEqual([{ path: 'answer', message: '答案 C 不在选项中' }]);
    await add({ type: 'true_false', stem: '判断一下', answer: ['B'] });
    const published = await api.request('POST', `/api/staff/quizzes/${quizId}/publish`, { token: staff });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      bankEditable: false,
      questionCount: 6,
      totalPoints: 30,
    });

    const frozen = await api.request('PUT', `/api/staff/quizzes/${quizId}/questions/${edited.body.id}`, {
      token: staff,
      body: { type: 'single', stem: '改过的题', options: ['甲', '乙'], answer: ['A'] },
    });
    expect(frozen.status).toBe(409);
    const deleted = await api.request('DELETE', `/api/staff/quizzes/${quizId}/questions/${edited.body.id}`, {
      token: staff,
    });
    expect(deleted.status).toBe(409);
    const settings = await api.request('PUT', `/api/staff/quizzes/${quizId}`, { token: staff, body: quizInput(orgs) });
    expect(settings.status).toBe(409);
    expect(await QuestionModel.countDocuments({ quizId })).toBe(6);
  });

  it('edits and deletes questions of a draft', async () => {
    const quizId = await draftQuiz();
    const added = await api.request('POST', `/api/staff/quizzes/${quizId}/questions`, {
      token: staff,
      body: { type: 'multiple', stem: '哪些是劳动保护用品？', options: ['安全帽', '手套', '拖鞋'], answer: ['A', 'B'] },
    });
    const changed = await api.request('PUT', `/api/staff/quizzes/${quizId}/questions/${added.body.id}`, {
      token: staff,
      body: {
        type: 'multiple',
        stem: '哪些是劳动防护用品？',
        options: ['安全帽', '手套', '拖鞋'],
        answer: ['B', 'A'],
        explanation: '拖鞋不是。',
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ stem: '哪些是劳动防护用品？', answer: ['A', 'B'], explanation: '拖鞋不是。' });
    const duplicate = await api.request('POST', `/api/staff/quizzes/${quizId}/questions`, {
      token: staff,
      body: { type: 'single', stem: '哪些是劳动防护用品?', options: ['甲', '乙'], answer: ['A'] },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.details[0].path).toBe('stem');
    const deleted = await api.request('DELETE', `/api/staff/quizzes/${quizId}/questions/${added.body.id}`, {
      token: staff,
    });
    expect(deleted.status).toBe(200);
    expect(await QuestionModel.countDocuments({ quizId })).toBe(0);
  });

  it('keeps quizzes of another district out of reach', async () => {
    const quizId = await draftQuiz();
    const binjiang = await organiser(api, orgs.binjiang, 'binjiang-bank');
    for (const [method, path] of [
      ['GET', `/api/staff/quizzes/${quizId}`],
      ['GET', `/api/staff/quizzes/${quizId}/questions`],
      ['POST', `/api/staff/quizzes/${quizId}/publish`],
      ['GET', `/api/staff/quizzes/${quizId}/participation`],
    ] as const) {
      expect((await api.request(method, path, { token: binjiang })).status, path).toBe(404);
    }
    const list = await api.request('GET', '/api/staff/quizzes', { token: binjiang });
    expect(list.body.items).toEqual([]);
    const elsewhere = await api.request('POST', '/api/staff/quizzes', { token: binjiang, body: quizInput(orgs) });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details[0].path).toBe('orgId');
  });
});
