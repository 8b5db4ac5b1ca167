/** Knowledge contests (知识竞赛): members taking quizzes, organisers running them within their subtree. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { sendDownload, XLSX_CONTENT_TYPE } from '../../http/download';
import { mounter } from '../../http/mount';
import { readAttempt, saveAnswers, startAttempt, submitAttempt } from './attempts.service';
import { listMyQuizzes, quizForMember } from './member-quizzes.service';
import { importQuestions } from './question-import.service';
import { questionTemplate } from './question-sheet';
import { createQuestion, deleteQuestion, listQuestions, updateQuestion } from './questions.service';
import {
  closeQuiz,
  createQuiz,
  listStaffQuizzes,
  managedQuiz,
  publishQuiz,
  staffQuizDetail,
  updateQuiz,
} from './quiz-admin.service';
import { memberRanking, participation, staffRanking } from './ranking.service';
import { takeableQuiz } from './take';

const member = contract.quizzes;
const staff = contract.quizAdmin;

export function quizRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(member.quizzes, ({ actor, query }) => listMyQuizzes(actor, query, new Date()));
  mount(member.quiz, ({ actor, params }) => quizForMember(actor, params.id, new Date()));
  mount(member.startAttempt, ({ actor, params, body }) => startAttempt(actor, params.id, body.requestId, new Date()));
  mount(member.attempt, ({ actor, params }) => readAttempt(actor, params.id, new Date()));
  mount(member.saveAnswers, ({ actor, params, body }) => saveAnswers(actor, params.id, body.answers, new Date()));
  mount(member.submitAttempt, ({ actor, params, body }) => submitAttempt(actor, params.id, body.answers, new Date()));
  mount(member.ranking, async ({ actor, params, query }) => {
    const { quiz, taker } = await takeableQuiz(actor, params.id);
    return memberRanking(quiz, taker, query);
  });

  mount(staff.staffQuizzes, ({ actor, query }) => listStaffQuizzes(actor, query, new Date()));
  mount(staff.createQuiz, ({ actor, body }) => createQuiz(actor, body, new Date()));
  mount(staff.questionTemplate, async ({ ctx }) =>
    sendDownload(ctx, {
      bytes: await questionTemplate(),
      contentType: XLSX_CONTENT_TYPE,
      fileName: '知识竞赛题目导入模板.xlsx',
      asciiName: 'quiz-question-template.xlsx',
    }),
  );
  mount(staff.staffQuiz, async ({ actor, params }) => staffQuizDetail(await managedQuiz(actor, params.id), new Date()));
  mount(staff.updateQuiz, ({ actor, params, body }) => updateQuiz(actor, params.id, body, new Date()));
  mount(staff.publishQuiz, ({ actor, params }) => publishQuiz(actor, params.id, new Date()));
  mount(staff.closeQuiz, ({ actor, params }) => closeQuiz(actor, params.id, new Date()));
  mount(staff.questions, ({ actor, params, query }) => listQuestions(actor, params.id, query));
  mount(staff.createQuestion, ({ actor, params, body }) => createQuestion(actor, params.id, body, new Date()));
  mount(staff.updateQuestion, ({ actor, params, body }) =>
    updateQuestion(actor, params.id, params.questionId, body, new Date()),
  );
  mount(staff.deleteQuestion, ({ actor, params }) => deleteQuestion(actor, params.id, params.questionId, new Date()));
  mount(staff.importQuestions, ({ actor, params, query, upload }) =>
    importQuestions({ actor, quizId: params.id, query, upload }, new Date()),
  );
  mount(staff.staffRanking, async ({ actor, params, query }) =>
    staffRanking(await managedQuiz(actor, params.id), query),
  );
  mount(staff.participation, async ({ actor, params }) => participation(await managedQuiz(actor, params.id)));
  return router;
}
