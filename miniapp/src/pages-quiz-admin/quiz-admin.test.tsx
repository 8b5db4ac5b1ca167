import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { importReport, QUESTION_IDS, QUIZ_ID, staffQuiz } from '../../test/quiz-fixtures';
import { DISTRICT_ORG, signInAs, unionStaff } from '../../test/staff-fixtures';
import { queryOf } from '../../test/station-fixtures';
import { taroTest } from '../../test/taro-mock';
import QuizEditPage from './edit/index';
import QuizImportPage from './import/index';
import QuizManagePage from './manage/index';
import QuizQuestionsPage from './questions/index';
import QuizReportPage from './report/index';

const IMPORT_PATH = `/api/staff/quizzes/${QUIZ_ID}/questions/import`;

function chooseFile(name: string) {
  const file = new File(['题型,题干'], name);
  fireEvent.change(screen.getByTestId('quiz-import-file'), { target: { files: [file] } });
  return file;
}

/** The import endpoint: sheets named bad* have bad rows, others are clean. */
function serveImport() {
  const modes: string[] = [];
  taroTest.respondWith(({ method, path, query, body }) => {
    if (method !== 'POST' || path !== IMPORT_PATH) return { statusCode: 404, data: null };
    const mode = queryOf(query).mode ?? '';
    modes.push(mode);
    if (body instanceof File && body.name.startsWith('bad')) return { statusCode: 200, data: importReport() };
    const clean = importReport({ validRows: 120, invalidRows: 0, problems: [] });
    if (mode === 'dry-run') return { statusCode: 200, data: clean };
    const bank = { total: 120, byType: { single: 80, multiple: 20, true_false: 20 }, categories: [] };
    return { statusCode: 200, data: { ...clean, mode: 'commit', created: 120, bank } };
  });
  return modes;
}

describe('导入题目', () => {
  it('lists the bad rows of the dry run with row number and reason, and offers no import', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    const modes = serveImport();
    render(<QuizImportPage />);

    chooseFile('bad-questions.xlsx');
    await waitFor(() => expect(screen.getAllByTestId('quiz-import-problem')).toHaveLength(2));
    expect(screen.getAllByTestId('quiz-import-problem').map((p) => p.textContent)).toEqual([
      '第5行 · 答案 · 请填写答案',
      '第17行 · 答案 · 答案 E 不在选项中',
    ]);
    expect(screen.getByTestId('quiz-import-summary').textContent).toBe('共 120 行，118 行无误，2 行有问题');
    expect(screen.queryByTestId('quiz-import-commit')).toBeNull();
    expect(modes).toEqual(['dry-run']);
  });

  it('imports a clean sheet only after 确认导入', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    const modes = serveImport();
    render(<QuizImportPage />);

    chooseFile('questions.xlsx');
    const commit = await screen.findByTestId('quiz-import-commit');
    expect(commit.textContent).toBe('确认导入 120 道题');
    fireEvent.click(commit);
    expect((await screen.findByTestId('quiz-import-done')).textContent).toContain('已导入 120 道题');
    expect(modes).toEqual(['dry-run', 'commit']);
  });

  it('refuses a sheet that is not .xlsx before sending it', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    const modes = serveImport();
    render(<QuizImportPage />);
    chooseFile('questions.csv');
    expect((await screen.findByTestId('quiz-import-error')).textContent).toBe('请选择 .xlsx 格式的表格');
    expect(modes).toEqual([]);
  });
});

describe('编辑知识竞赛', () => {
  it('shows each rule’s problem at its own field and sends nothing', async () => {
    signInAs(unionStaff());
    const sent: unknown[] = [];
    taroTest.respondWith(({ method, body }) => {
      if (method === 'POST') sent.push(body);
      return { statusCode: 200, data: { items: [] } };
    });
    render(<QuizEditPage />);
    fireEvent.change(screen.getByTestId('quiz-title'), { target: { value: '工会法知识竞赛' } });
    fireEvent.change(screen.getByTestId('quiz-opens-at'), { target: { value: '2026-12-10 09:00' } });
    fireEvent.change(screen.getByTestId('quiz-closes-at'), { target: { value: '2026-12-01 09:00' } });
    fireEvent.change(screen.getByTestId('quiz-rule-0-count'), { target: { value: '0' } });
    fireEvent.change(screen.getByTestId('quiz-rule-1-points'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('quiz-rule-2-count'), { target: { value: '2.5' } });
    fireEvent.click(screen.getByTestId('quiz-save'));

    expect(screen.getByTestId('quiz-rule-0-count-error').textContent).toBe('每条规则至少1题');
    expect(screen.getByTestId('quiz-rule-1-points-error').textContent).toBe('请填写每题分值');
    expect(screen.getByTestId('quiz-rule-2-count-error').textContent).toBe('题数应为整数');
    expect(screen.getByTestId('quiz-edit-notice').textContent).toBe('请按提示修改后再保存');

    // With every field well formed, the checks across fields speak: the window runs backwards.
    fireEvent.change(screen.getByTestId('quiz-rule-0-count'), { target: { value: '20' } });
    fireEvent.change(screen.getByTestId('quiz-rule-1-points'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('quiz-rule-2-count'), { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('quiz-save'));
    expect(screen.queryByTestId('quiz-rule-0-count-error')).toBeNull();
    expect(screen.getByTestId('quiz-closes-at-error').textContent).toBe('结束时间应晚于开始时间');
    expect(sent).toEqual([]);
  });

  it('sends China wall-clock times as instants, with the rules as numbers', async () => {
    signInAs(unionStaff());
    const sent: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'POST' && path === '/api/staff/quizzes') {
        sent.push(body);
        return { statusCode: 200, data: staffQuiz() };
      }
      return { statusCode: 200, data: { items: [] } };
    });
    render(<QuizEditPage />);
    fireEvent.change(screen.getByTestId('quiz-title'), { target: { value: '工会法知识竞赛' } });
    fireEvent.change(screen.getByTestId('quiz-opens-at'), { target: { value: '2026-12-10 09:00' } });
    fireEvent.change(screen.getByTestId('quiz-closes-at'), { target: { value: '2026-12-20 18:00' } });
    fireEvent.change(screen.getByTestId('quiz-rule-1-category'), { target: { value: '工会法' } });
    fireEvent.click(screen.getByTestId('quiz-save'));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      title: '工会法知识竞赛',
      orgId: DISTRICT_ORG.id,
      opensAt: '2026-12-10T01:00:00.000Z',
      closesAt: '2026-12-20T10:00:00.000Z',
      rules: [
        { type: 'single', category: null, count: 20, points: 2 },
        { type: 'multiple', category: '工会法', count: 10, points: 3 },
        { type: 'true_false', category: null, count: 10, points: 1 },
      ],
    });
  });
});

describe('竞赛管理', () => {
  it('shows which rule the bank cannot fill, and the reasons of a refused publish', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    taroTest.respondWith(({ method, path }) => {
      if (method === 'POST' && path === `/api/staff/quizzes/${QUIZ_ID}/publish`) {
        return {
          statusCode: 400,
          data: {
            error: {
              code: 'quiz_bank_short',
              message: '题库不足，不能发布',
              details: [{ path: 'rules.1', message: '第2条规则需要5道“安全生产”类多选题，题库中只有3道可用' }],
            },
          },
        };
      }
      return { statusCode: 200, data: staffQuiz() };
    });
    render(<QuizManagePage />);
    const checks = await screen.findAllByTestId('quiz-rule-check');
    expect(checks[1]!.textContent).toBe('第2条规则需要5道“安全生产”类多选题，题库中只有3道可用');
    expect(checks[0]!.textContent).toContain('题库充足');

    fireEvent.click(screen.getByTestId('quiz-publish'));
    expect((await screen.findByTestId('quiz-publish-refused')).textContent).toContain('题库不足，不能发布');
    expect(screen.getAllByTestId('quiz-publish-reason').map((r) => r.textContent)).toEqual([
      '第2条规则需要5道“安全生产”类多选题，题库中只有3道可用',
    ]);
  });
});

describe('参与情况', () => {
  it('shows participants, members, rate and average per sub-org as a table', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    const row = (orgId: string, orgName: string, members: number, participants: number, average: number | null) => ({
      orgId,
      orgName,
      members,
      participants,
      participationRate: members ? participants / members : null,
      averageScore: average,
    });
    taroTest.respondWith(({ path }) => {
      if (path.endsWith('/participation')) {
        return {
          statusCode: 200,
          data: {
            quizId: QUIZ_ID,
            audienceOrgId: DISTRICT_ORG.id,
            totals: row(DISTRICT_ORG.id, DISTRICT_ORG.name, 3000, 1121, 82.46),
            items: [
              row('64b7f0c2a1b2c3d4e5f60102', '西溪街道总工会', 2000, 1000, 85),
              row('64b7f0c2a1b2c3d4e5f60103', '文新街道总工会', 0, 0, null),
            ],
          },
        };
      }
      return {
        statusCode: 200,
        data: {
          quizId: QUIZ_ID,
          scope: { orgId: DISTRICT_ORG.id, orgName: DISTRICT_ORG.name },
          scopes: [],
          participants: 0,
          items: [],
          me: null,
        },
      };
    });
    render(<QuizReportPage />);
    await screen.findByTestId('quiz-ranking');
    fireEvent.click(screen.getByTestId('quiz-report-participation'));
    const rows = await screen.findAllByTestId('quiz-participation-row');
    expect(rows.map((r) => r.textContent)).toEqual(['西溪街道总工会1000200050.0%85.0', '文新街道总工会00——']);
    expect(screen.getByTestId('quiz-participation-total').textContent).toBe('西湖区总工会1121300037.4%82.5');
  });
});

describe('题库', () => {
  const question = {
    id: QUESTION_IDS[0],
    type: 'single' as const,
    typeLabel: '单选题',
    stem: '职工因工作遭受事故伤害，应当享受哪种保险待遇？',
    options: ['工伤保险', '失业保险'],
    answer: ['A' as const],
    explanation: '',
    category: '安全生产',
  };

  function serveBank(bankEditable: boolean) {
    const calls: { method: string; path: string; query: Record<string, string> }[] = [];
    taroTest.respondWith(({ method, path, query }) => {
      calls.push({ method, path, query: queryOf(query) });
      if (path === `/api/staff/quizzes/${QUIZ_ID}`) return { statusCode: 200, data: staffQuiz({ bankEditable }) };
      if (method === 'DELETE') return { statusCode: 200, data: { ok: true } };
      return { statusCode: 200, data: { items: [question], nextCursor: null } };
    });
    return calls;
  }

  it('searches by stem and type, and deletes a question while the quiz is a draft', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    const calls = serveBank(true);
    render(<QuizQuestionsPage />);
    fireEvent.change(await screen.findByTestId('quiz-question-search'), { target: { value: '工伤' } });
    fireEvent.click(screen.getByTestId('quiz-question-search-go'));
    fireEvent.click(screen.getByTestId('quiz-question-type-single'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path.endsWith('/questions')).at(-1)?.query).toMatchObject({
        q: '工伤',
        type: 'single',
      }),
    );

    fireEvent.click(await screen.findByTestId('quiz-question-delete'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.path.endsWith(`/questions/${QUESTION_IDS[0]}`))).toBe(true),
    );
  });

  it('offers no deleting once the bank is frozen', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: QUIZ_ID });
    serveBank(false);
    render(<QuizQuestionsPage />);
    expect((await screen.findByTestId('quiz-question-item')).textContent).toContain('答案：A');
    await screen.findByText('竞赛已发布，题库已冻结');
    expect(screen.queryByTestId('quiz-question-delete')).toBeNull();
  });
});
