import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { answersSchemaFor, OnBehalfSignUpRequestSchema, type ActivityAnswers } from '@union/shared';
import { useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { IdentityFields, type IdentityValues } from '../../components/IdentityFields';
import { PageLoading } from '../../components/PageLoading';
import { ApiError, errorMessage } from '../../services/http';
import { newRequestId } from '../../utils/request-id';
import { showSuccess } from '../../utils/toast';
import { fetchStaffActivity, signUpOnBehalf, type StaffActivityDetail } from '../services';
import { ON_BEHALF_TEXT as T } from '../strings';
import { QuestionFields } from '../../components/QuestionFields';

type Errors = Record<string, string | undefined>;

/** The first message per field: `name`, `idNumber`, `groupId`, or a question id for `answers.<id>`. */
function errorsByField(issues: readonly { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const { path, message } of issues) {
    const parts = path.replace(/^body\./, '').split('.');
    const key = parts[0] === 'answers' && parts[1] ? parts[1] : (parts[0] ?? '');
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}

/**
 * 代报名: a cadre signs up a worker without a smartphone, found in the roster by name and ID
 * number; the entry is recorded as made on their behalf. Team groups are left out (a captain
 * forms the team), as the BFF refuses them.
 */
export default function ActivityOnBehalfPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [activity, setActivity] = useState<StaffActivityDetail | null>(null);
  const [loadError, setLoadError] = useState('');
  const [identity, setIdentity] = useState<IdentityValues>({ name: '', idNumber: '' });
  const [groupId, setGroupId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<ActivityAnswers>({});
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  // One id per form: a double tap or a retry after a lost answer is the same entry.
  const requestId = useRef(newRequestId('onbehalf'));

  useLoad(() => {
    fetchStaffActivity(id).then(
      (detail) => {
        setActivity(detail);
        const individual = detail.groups.filter((group) => !group.team);
        if (individual.length === 1) setGroupId(individual[0]!.id);
      },
      (failure: unknown) => setLoadError(errorMessage(failure)),
    );
  });

  if (!activity) return <PageLoading error={loadError} testId="on-behalf-load-error" />;
  const groups = activity.groups.filter((group) => !group.team);

  async function submit() {
    if (!activity || busy) return;
    const request = OnBehalfSignUpRequestSchema.safeParse({
      ...identity,
      groupId: groupId ?? '',
      requestId: requestId.current,
      answers: {},
    });
    const checkedAnswers = answersSchemaFor(activity.questions).safeParse(answers);
    const found: Errors = {
      ...(request.success
        ? {}
        : errorsByField(request.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))),
      ...(checkedAnswers.success
        ? {}
        : errorsByField(checkedAnswers.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))),
    };
    if (!groupId) found.groupId = T.pickGroup;
    setErrors(found);
    setNotice('');
    if (!request.success || !checkedAnswers.success || !groupId) return;
    setBusy(true);
    try {
      const entry = await signUpOnBehalf(id, { ...request.data, answers: checkedAnswers.data });
      showSuccess(`${T.done}：${entry.statusText}`);
      // Back to the list, which reads the roster again on show.
      void Taro.navigateBack();
    } catch (failure) {
      if (failure instanceof ApiError && failure.details.length) setErrors(errorsByField(failure.details));
      setNotice(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">{activity.title}</Text>
        <Text className="muted">{T.hint}</Text>
        <IdentityFields
          values={identity}
          errors={{ name: errors.name, idNumber: errors.idNumber }}
          onChange={(patch) => setIdentity({ ...identity, ...patch })}
          testIdPrefix="on-behalf"
        />
      </View>
      <View className="panel">
        <Text className="panel__title">{T.group}</Text>
        {groups.length === 0 ? <Text className="notice notice--info">{T.noGroup}</Text> : null}
        <View className="row">
          {groups.map((group) => (
            <Chip
              key={group.id}
              on={groupId === group.id}
              onClick={() => setGroupId(group.id)}
              testId={`on-behalf-group-${group.id}`}
            >
              {`${group.name}（${group.allocationLabel}）`}
            </Chip>
          ))}
        </View>
        {errors.groupId ? (
          <Text className="field__error" data-testid="on-behalf-group-error">
            {errors.groupId}
          </Text>
        ) : null}
        <QuestionFields
          questions={activity.questions}
          answers={answers}
          onChange={setAnswers}
          errors={errors}
          testIdPrefix="on-behalf-"
        />
      </View>
      {notice ? (
        <Text className="notice notice--error" data-testid="on-behalf-notice">
          {notice}
        </Text>
      ) : null}
      <Button
        className="btn btn--primary"
        disabled={busy || groups.length === 0}
        onClick={() => void submit()}
        data-testid="on-behalf-submit"
      >
        {T.submit}
      </Button>
    </View>
  );
}
