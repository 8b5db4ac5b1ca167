/**
 * An activity's own questions (尺码, 紧急联系人 …), answered the same way wherever a place is
 * taken: a member's sign-up, a new team or a join, and staff signing a member up (代报名).
 * It sits in the main package because those pages live in different subpackages.
 */
import { Input, Text, View } from '@tarojs/components';
import type { ActivityAnswers, ActivityQuestion } from '@union/shared';
import '../TextField/index.css';
import './index.css';

interface QuestionFieldsProps {
  questions: readonly ActivityQuestion[];
  answers: ActivityAnswers;
  onChange: (answers: ActivityAnswers) => void;
  /** Keyed by question id, from answersSchemaFor or the BFF's `answers.<id>` details. */
  errors: Record<string, string | undefined>;
  /** Prefixes every test id, so two forms on one page stay apart. */
  testIdPrefix?: string;
}

export function QuestionFields({ questions, answers, onChange, errors, testIdPrefix = '' }: QuestionFieldsProps) {
  const set = (id: string, value: string | string[]) => onChange({ ...answers, [id]: value });
  const toggle = (id: string, option: string) => {
    const picked = Array.isArray(answers[id]) ? answers[id] : [];
    set(id, picked.includes(option) ? picked.filter((o) => o !== option) : [...picked, option]);
  };
  const testId = (suffix: string) => `${testIdPrefix}${suffix}`;

  return (
    <>
      {questions.map((q) => (
        <View key={q.id} className="field" data-testid={testId(`question-${q.id}`)}>
          <Text className="field__label">{`${q.title}${q.required ? '（必填）' : ''}`}</Text>
          {q.type === 'short_text' ? (
            <Input
              className="field__input"
              value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''}
              maxlength={q.maxLength}
              onInput={(e) => set(q.id, e.detail.value)}
              data-testid={testId(`answer-${q.id}`)}
            />
          ) : (
            q.options.map((option) => {
              const single = q.type === 'single_choice';
              const value = answers[q.id];
              const on = single ? value === option : Array.isArray(value) && value.includes(option);
              return (
                <Text
                  key={option}
                  className={`question-option ${on ? 'question-option--on' : ''}`}
                  onClick={() => (single ? set(q.id, option) : toggle(q.id, option))}
                  data-testid={testId(`answer-${q.id}-${option}`)}
                >
                  {`${on ? (single ? '◉' : '☑') : single ? '○' : '☐'} ${option}`}
                </Text>
              );
            })
          )}
          {errors[q.id] ? (
            <Text className="field__error" data-testid={testId(`error-${q.id}`)}>
              {errors[q.id]}
            </Text>
          ) : null}
        </View>
      ))}
    </>
  );
}
