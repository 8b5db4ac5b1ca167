/** The activity's own questions (尺码, 紧急联系人 …), answered the same way for a sign-up, a new team or a join. */
import { Input, Text, View } from '@tarojs/components';
import type { ActivityAnswers, ActivityDetail } from '@union/shared';

export function QuestionFields({
  questions,
  answers,
  errors,
  onChange,
}: {
  questions: ActivityDetail['questions'];
  answers: ActivityAnswers;
  errors: Record<string, string>;
  onChange: (answers: ActivityAnswers) => void;
}) {
  const setAnswer = (id: string, value: string | string[]) => onChange({ ...answers, [id]: value });
  const toggle = (id: string, option: string) => {
    const picked = Array.isArray(answers[id]) ? (answers[id] as string[]) : [];
    setAnswer(id, picked.includes(option) ? picked.filter((o) => o !== option) : [...picked, option]);
  };

  return (
    <>
      {questions.map((q) => (
        <View key={q.id} data-testid={`question-${q.id}`}>
          <Text>{`${q.title}${q.required ? '（必填）' : ''}`}</Text>
          {q.type === 'short_text' ? (
            <Input
              value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''}
              maxlength={q.maxLength}
              onInput={(e) => setAnswer(q.id, e.detail.value)}
              data-testid={`answer-${q.id}`}
            />
          ) : (
            q.options.map((option) => {
              const single = q.type === 'single_choice';
              const on = single ? answers[q.id] === option : ((answers[q.id] as string[]) ?? []).includes(option);
              return (
                <Text
                  key={option}
                  className={`activity-option ${on ? 'activity-option--on' : ''}`}
                  onClick={() => (single ? setAnswer(q.id, option) : toggle(q.id, option))}
                  data-testid={`answer-${q.id}-${option}`}
                >
                  {`${on ? (single ? '◉' : '☑') : single ? '○' : '☐'} ${option}`}
                </Text>
              );
            })
          )}
          {errors[q.id] ? (
            <Text className="activity-field-error" data-testid={`error-${q.id}`}>
              {errors[q.id]}
            </Text>
          ) : null}
        </View>
      ))}
    </>
  );
}
