/** The activity's own questions (尺码, 紧急联系人 …), answered by the staff member for the member. */
import { Input, Text, View } from '@tarojs/components';
import type { ActivityAnswers, ActivityQuestion } from '@union/shared';
import { ON_BEHALF_TEXT as T } from '../../strings';

interface QuestionFieldsProps {
  questions: readonly ActivityQuestion[];
  answers: ActivityAnswers;
  onChange: (answers: ActivityAnswers) => void;
  /** Keyed by question id, from answersSchemaFor or the BFF's `answers.<id>` details. */
  errors: Record<string, string | undefined>;
}

export function QuestionFields({ questions, answers, onChange, errors }: QuestionFieldsProps) {
  const set = (id: string, value: string | string[]) => onChange({ ...answers, [id]: value });
  const toggle = (id: string, option: string) => {
    const picked = Array.isArray(answers[id]) ? answers[id] : [];
    set(id, picked.includes(option) ? picked.filter((o) => o !== option) : [...picked, option]);
  };

  return (
    <>
      {questions.map((q) => (
        <View key={q.id} className="field" data-testid={`on-behalf-question-${q.id}`}>
          <Text className="field__label">{`${q.title}${q.required ? T.required : ''}`}</Text>
          {q.type === 'short_text' ? (
            <Input
              className="field__input"
              value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''}
              maxlength={q.maxLength}
              onInput={(e) => set(q.id, e.detail.value)}
              data-testid={`on-behalf-answer-${q.id}`}
            />
          ) : (
            q.options.map((option) => {
              const single = q.type === 'single_choice';
              const value = answers[q.id];
              const on = single ? value === option : Array.isArray(value) && value.includes(option);
              return (
                <Text
                  key={option}
                  className="muted"
                  onClick={() => (single ? set(q.id, option) : toggle(q.id, option))}
                  data-testid={`on-behalf-answer-${q.id}-${option}`}
                >
                  {`${on ? (single ? '◉' : '☑') : single ? '○' : '☐'} ${option}`}
                </Text>
              );
            })
          )}
          {errors[q.id] ? (
            <Text className="field__error" data-testid={`on-behalf-answer-${q.id}-error`}>
              {errors[q.id]}
            </Text>
          ) : null}
        </View>
      ))}
    </>
  );
}
