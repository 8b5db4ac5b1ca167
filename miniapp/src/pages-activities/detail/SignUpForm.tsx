import { Button, Input, Text, View } from '@tarojs/components';
import { answersSchemaFor, type ActivityAnswers, type ActivityDetail } from '@union/shared';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../services/http';
import { signUp } from '../../services/activities';
import { newRequestId } from '../../utils/request-id';

type Errors = Record<string, string>;

/** A 422's details keyed as the form shows them: `groupId`, or a question id for `answers.<id>`. */
function errorsFromApi(error: ApiError): Errors {
  const errors: Errors = {};
  for (const { path, message } of error.details) {
    const parts = path.replace(/^body\./, '').split('.');
    const key = parts[0] === 'answers' && parts[1] ? parts[1] : (parts[0] ?? '');
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}

/** Group choice and the activity's own questions, checked with the BFF's schema before sending. */
export function SignUpForm({ activity, onDone }: { activity: ActivityDetail; onDone: () => void }) {
  const [groupId, setGroupId] = useState<string | null>(activity.groups.length === 1 ? activity.groups[0]!.id : null);
  const [answers, setAnswers] = useState<ActivityAnswers>({});
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per form: a double tap or a retry after a lost answer is the same entry.
  const requestId = useRef(newRequestId('act'));

  const setAnswer = (id: string, value: string | string[]) => setAnswers((a) => ({ ...a, [id]: value }));
  const toggle = (id: string, option: string) => {
    const picked = Array.isArray(answers[id]) ? (answers[id] as string[]) : [];
    setAnswer(id, picked.includes(option) ? picked.filter((o) => o !== option) : [...picked, option]);
  };

  const submit = async () => {
    if (busy) return;
    const found: Errors = {};
    if (!groupId) found.groupId = '请选择组别';
    const checked = answersSchemaFor(activity.questions).safeParse(answers);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (key && !found[key]) found[key] = issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !groupId || !checked.success) return;
    setBusy(true);
    setFailure(null);
    try {
      await signUp(activity.id, { groupId, requestId: requestId.current, answers: checked.data });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) setErrors(errorsFromApi(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel" data-testid="sign-up-form">
      <Text className="panel__title">报名</Text>
      <Text>组别</Text>
      {activity.groups.map((group) => (
        <Text
          key={group.id}
          className={`activity-option ${groupId === group.id ? 'activity-option--on' : ''}`}
          onClick={() => setGroupId(group.id)}
          data-testid={`sign-up-group-${group.id}`}
        >
          {`${groupId === group.id ? '◉' : '○'} ${group.name}`}
        </Text>
      ))}
      {errors.groupId ? (
        <Text className="activity-field-error" data-testid="error-groupId">
          {errors.groupId}
        </Text>
      ) : null}
      {activity.questions.map((q) => (
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
              const on =
                q.type === 'single_choice'
                  ? answers[q.id] === option
                  : ((answers[q.id] as string[]) ?? []).includes(option);
              return (
                <Text
                  key={option}
                  className={`activity-option ${on ? 'activity-option--on' : ''}`}
                  onClick={() => (q.type === 'single_choice' ? setAnswer(q.id, option) : toggle(q.id, option))}
                  data-testid={`answer-${q.id}-${option}`}
                >
                  {`${on ? (q.type === 'single_choice' ? '◉' : '☑') : q.type === 'single_choice' ? '○' : '☐'} ${option}`}
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
      {failure ? (
        <Text className="notice notice--error" data-testid="sign-up-failure">
          {failure}
        </Text>
      ) : null}
      <Button className="btn" loading={busy} onClick={() => void submit()} data-testid="sign-up-submit">
        提交报名
      </Button>
    </View>
  );
}
