import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { chinaDateTime, type StaffQuizDetail } from '@union/shared';
import { useCallback, useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { ApiError, errorMessage } from '../../services/http';
import { confirm, showSuccess } from '../../utils/toast';
import { closeQuiz, fetchStaffQuiz, publishQuiz } from '../services';
import { QUIZ_STATUS_LABELS } from '../strings';
import '../quiz-admin.css';

const time = (iso: string) => chinaDateTime(new Date(iso));

/** One quiz for its organiser: settings, the bank against the paper rules, publish / close, and where to go next. */
export default function QuizManagePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [quiz, setQuiz] = useState<StaffQuizDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; reasons: string[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    fetchStaffQuiz(id).then(
      (loaded) => {
        setQuiz(loaded);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [id]);
  useDidShow(load);

  if (!quiz) return <PageLoading error={error} testId="quiz-manage-error" />;
  const open = (route: string) => void Taro.navigateTo({ url: `${route}?id=${quiz.id}` });

  async function act(run: () => Promise<StaffQuizDetail>, done: string) {
    setBusy(true);
    setRefusal(null);
    try {
      setQuiz(await run());
      showSuccess(done);
    } catch (e) {
      // A refused publish names each rule the bank cannot fill.
      setRefusal({
        message: errorMessage(e),
        reasons: e instanceof ApiError ? e.details.map((detail) => detail.message) : [],
      });
      load();
    } finally {
      setBusy(false);
    }
  }

  const publish = async () => {
    if (await confirm('发布竞赛', '发布后会员即可答题，题库将冻结，不能再增删改题目。确定发布吗？'))
      await act(() => publishQuiz(quiz.id), '已发布');
  };
  const close = async () => {
    if (await confirm('结束竞赛', '结束后会员不能再开始答题，正在答题的按已保存的答案计分。确定结束吗？'))
      await act(() => closeQuiz(quiz.id), '竞赛已结束');
  };

  const { bank } = quiz;
  return (
    <View className="page quiz-admin">
      <View className="panel quiz-admin__lines">
        <View className="row">
          <Text className="panel__title">{quiz.title}</Text>
          <Text className="tag" data-testid="quiz-manage-status">
            {QUIZ_STATUS_LABELS[quiz.status]}
          </Text>
        </View>
        <Text className="muted">{`${quiz.orgName}主办 · 面向${quiz.audienceOrgName}会员`}</Text>
        <Text>{`${time(quiz.opensAt)} 至 ${time(quiz.closesAt)}`}</Text>
        <Text>{`每份 ${quiz.questionCount} 题，满分 ${quiz.totalPoints} 分，限时 ${quiz.timeLimitMinutes} 分钟，每人 ${quiz.attemptsPerMember} 次`}</Text>
        {quiz.status !== 'draft' ? (
          <Text data-testid="quiz-manage-participants">{`参赛 ${quiz.participants} 人，答题 ${quiz.attempts} 人次`}</Text>
        ) : null}
      </View>

      <View className="panel quiz-admin__lines" data-testid="quiz-bank">
        <Text className="panel__title">{`题库（共 ${bank.total} 题）`}</Text>
        <Text>{`单选题 ${bank.byType.single} · 多选题 ${bank.byType.multiple} · 判断题 ${bank.byType.true_false}`}</Text>
        {bank.categories.map((c) => (
          <Text key={c.category} className="muted">
            {`${c.category || '未分类'}：单选 ${c.single}，多选 ${c.multiple}，判断 ${c.true_false}`}
          </Text>
        ))}
        <Text className="panel__title">组卷规则检查</Text>
        {quiz.rules.map((rule, index) => {
          const check = quiz.ruleCheck.find((c) => c.index === index);
          return (
            <Text
              key={index}
              className={check?.ok === false ? 'quiz-admin__bad' : 'quiz-admin__ok'}
              data-testid="quiz-rule-check"
            >
              {check?.ok === false
                ? check.message
                : `${rule.category ? `${rule.category} · ` : ''}${rule.typeLabel} ${rule.count} 题 × ${rule.points} 分：题库充足`}
            </Text>
          );
        })}
      </View>

      {refusal ? (
        <View className="notice notice--error" data-testid="quiz-publish-refused">
          <Text>{refusal.message}</Text>
          {refusal.reasons.map((reason, index) => (
            <Text key={index} className="quiz-admin__problem" data-testid="quiz-publish-reason">
              {reason}
            </Text>
          ))}
        </View>
      ) : null}

      <View className="quiz-admin__actions">
        {quiz.status === 'draft' ? (
          <>
            <Button className="btn btn--small" onClick={() => open(ROUTES.quizAdminEdit)} data-testid="quiz-edit">
              修改设置
            </Button>
            <Button className="btn btn--small" onClick={() => open(ROUTES.quizAdminImport)} data-testid="quiz-import">
              导入题目
            </Button>
          </>
        ) : null}
        <Button className="btn btn--small" onClick={() => open(ROUTES.quizAdminQuestions)} data-testid="quiz-questions">
          {quiz.bankEditable ? '管理题库' : '查看题库'}
        </Button>
        {quiz.status !== 'draft' ? (
          <Button className="btn btn--small" onClick={() => open(ROUTES.quizAdminReport)} data-testid="quiz-report">
            排名与参与情况
          </Button>
        ) : null}
      </View>
      {quiz.status === 'draft' ? (
        <Button className="btn btn--primary" disabled={busy} onClick={() => void publish()} data-testid="quiz-publish">
          发布竞赛
        </Button>
      ) : null}
      {quiz.status === 'published' ? (
        <Button className="btn" disabled={busy} onClick={() => void close()} data-testid="quiz-close">
          提前结束竞赛
        </Button>
      ) : null}
    </View>
  );
}
