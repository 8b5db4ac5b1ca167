import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { QUIZ_QUESTION_TYPE_LABELS, QUIZ_QUESTION_TYPES, type QuizQuestionType } from '@union/shared';
import { useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { TextField } from '../../components/TextField';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { confirm, showMessage, showSuccess } from '../../utils/toast';
import { deleteQuestion, fetchQuestions, fetchStaffQuiz, type QuestionFilter } from '../services';
import '../quiz-admin.css';

/** 题库: search by stem, filter by type; questions can be deleted while the quiz is a draft. */
export default function QuizQuestionsPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [q, setQ] = useState('');
  const [type, setType] = useState<QuizQuestionType | undefined>(undefined);
  const [editable, setEditable] = useState(false);
  const filter = useRef<QuestionFilter>({});
  const list = usePagedList((f: QuestionFilter, cursor?: string) => fetchQuestions(id, f, cursor));
  const { load } = list;

  const search = (patch: QuestionFilter) => {
    filter.current = { ...filter.current, ...patch };
    void load(filter.current);
  };

  useDidShow(() => {
    void load(filter.current);
    fetchStaffQuiz(id).then(
      (quiz) => setEditable(quiz.bankEditable),
      () => setEditable(false),
    );
  });

  async function remove(questionId: string) {
    if (!(await confirm('删除题目', '删除后不可恢复，确定删除吗？'))) return;
    try {
      await deleteQuestion(id, questionId);
      showSuccess('已删除');
      void list.reload();
    } catch (e) {
      showMessage(errorMessage(e));
    }
  }

  return (
    <View className="page quiz-admin">
      <View className="panel">
        <TextField
          label="搜索"
          value={q}
          placeholder="题干中的文字"
          maxlength={30}
          onChange={setQ}
          testId="quiz-question-search"
        />
        <Button
          className="btn btn--small"
          onClick={() => search({ q: q.trim() || undefined })}
          data-testid="quiz-question-search-go"
        >
          搜索
        </Button>
        <View className="quiz-admin__chips">
          <Chip
            on={type === undefined}
            onClick={() => {
              setType(undefined);
              search({ type: undefined });
            }}
          >
            全部题型
          </Chip>
          {QUIZ_QUESTION_TYPES.map((t) => (
            <Chip
              key={t}
              on={type === t}
              onClick={() => {
                setType(t);
                search({ type: t });
              }}
              testId={`quiz-question-type-${t}`}
            >
              {QUIZ_QUESTION_TYPE_LABELS[t]}
            </Chip>
          ))}
        </View>
        {editable ? (
          <Text className="link" onClick={() => void Taro.navigateTo({ url: `${ROUTES.quizAdminImport}?id=${id}` })}>
            从表格导入题目
          </Text>
        ) : (
          <Text className="muted">竞赛已发布，题库已冻结</Text>
        )}
      </View>
      {list.error ? <Text className="notice notice--error">{list.error}</Text> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <Text className="notice notice--info" data-testid="quiz-questions-empty">
          没有符合条件的题目
        </Text>
      ) : null}
      <View className="panel">
        {list.items.map((question) => (
          <View key={question.id} className="quiz-admin__question" data-testid="quiz-question-item">
            <Text className="muted">{`${question.typeLabel}${question.category ? ` · ${question.category}` : ''}`}</Text>
            <Text>{question.stem}</Text>
            {question.options.map((option, index) => (
              <Text key={index} className="muted">{`${String.fromCharCode(65 + index)}. ${option}`}</Text>
            ))}
            <Text>{`答案：${question.answer.join('')}`}</Text>
            {question.explanation ? <Text className="muted">{`解析：${question.explanation}`}</Text> : null}
            {editable ? (
              <Button
                className="btn btn--small"
                onClick={() => void remove(question.id)}
                data-testid="quiz-question-delete"
              >
                删除
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      {list.nextCursor ? (
        <Button className="btn" disabled={list.busy} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
