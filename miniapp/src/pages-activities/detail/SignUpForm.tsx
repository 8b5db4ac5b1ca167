import { Button, Input, Text, View } from '@tarojs/components';
import {
  answersSchemaFor,
  CreateTeamRequestSchema,
  JoinTeamRequestSchema,
  type ActivityAnswers,
  type ActivityDetail,
} from '@union/shared';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../services/http';
import { createTeam, joinTeam, signUp } from '../../services/activities';
import { newRequestId } from '../../utils/request-id';
import { teamSizeRule } from '../format';
import { QuestionFields } from '../../components/QuestionFields';

type Errors = Record<string, string>;
/** How a member enters a team group: as captain of a new team, or by a captain's invitation code. */
type TeamMode = 'create' | 'join';

const SUBMIT_LABELS = { individual: '提交报名', create: '创建队伍', join: '加入队伍' } as const;

/** A 422's details keyed as the form shows them: `groupId`, `name`, `code`, or a question id for `answers.<id>`. */
function errorsFromApi(error: ApiError): Errors {
  const errors: Errors = {};
  for (const { path, message } of error.details) {
    const parts = path.replace(/^body\./, '').split('.');
    const key = parts[0] === 'answers' && parts[1] ? parts[1] : (parts[0] ?? '');
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}

const firstIssue = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : (result.error?.issues[0]?.message ?? '填写有误');

/**
 * Group choice and the activity's own questions, checked with the BFF's schemas before sending.
 * A team group offers only 创建队伍 or 加入队伍: its place is the team's, never one member's.
 */
export function SignUpForm({ activity, onDone }: { activity: ActivityDetail; onDone: () => void }) {
  const [groupId, setGroupId] = useState<string | null>(activity.groups.length === 1 ? activity.groups[0]!.id : null);
  const [teamMode, setTeamMode] = useState<TeamMode>('create');
  const [teamName, setTeamName] = useState('');
  const [code, setCode] = useState('');
  const [answers, setAnswers] = useState<ActivityAnswers>({});
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per form and way in: a double tap or a retry after a lost answer is the same entry or team.
  const requestIds = useRef({
    individual: newRequestId('act'),
    create: newRequestId('act'),
    join: newRequestId('act'),
  });

  const group = activity.groups.find((g) => g.id === groupId) ?? null;
  const mode = group?.team ? teamMode : 'individual';

  const submit = async () => {
    if (busy) return;
    const found: Errors = {};
    if (!groupId) found.groupId = '请选择组别';
    if (mode === 'create') {
      const problem = firstIssue(CreateTeamRequestSchema.shape.name.safeParse(teamName));
      if (problem) found.name = problem;
    }
    const parsedCode = JoinTeamRequestSchema.shape.code.safeParse(code);
    if (mode === 'join' && !parsedCode.success) found.code = firstIssue(parsedCode)!;
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
    const requestId = requestIds.current[mode];
    try {
      if (mode === 'create') {
        await createTeam(activity.id, { groupId, name: teamName.trim(), requestId, answers: checked.data });
      } else if (mode === 'join') {
        await joinTeam({ code: parsedCode.data!, requestId, answers: checked.data });
      } else {
        await signUp(activity.id, { groupId, requestId, answers: checked.data });
      }
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
      {activity.groups.map((g) => (
        <Text
          key={g.id}
          className={`activity-option ${groupId === g.id ? 'activity-option--on' : ''}`}
          onClick={() => setGroupId(g.id)}
          data-testid={`sign-up-group-${g.id}`}
        >
          {`${groupId === g.id ? '◉' : '○'} ${g.name}${g.team ? '（团队）' : ''}`}
        </Text>
      ))}
      {errors.groupId ? (
        <Text className="activity-field-error" data-testid="error-groupId">
          {errors.groupId}
        </Text>
      ) : null}
      {group?.team ? (
        <View data-testid="sign-up-team">
          <Text className="muted" data-testid="sign-up-team-rule">
            {teamSizeRule(group.team)}
          </Text>
          <View className="activity-tabs">
            {(['create', 'join'] as const).map((m) => (
              <Text
                key={m}
                className={`activity-tab ${teamMode === m ? 'activity-tab--on' : ''}`}
                onClick={() => setTeamMode(m)}
                data-testid={`sign-up-mode-${m}`}
              >
                {SUBMIT_LABELS[m]}
              </Text>
            ))}
          </View>
          {teamMode === 'create' ? (
            <View>
              <Text>队伍名称（您将成为队长，创建后获得邀请码）</Text>
              <Input
                value={teamName}
                maxlength={20}
                onInput={(e) => setTeamName(e.detail.value)}
                data-testid="team-name"
              />
              {errors.name ? (
                <Text className="activity-field-error" data-testid="error-name">
                  {errors.name}
                </Text>
              ) : null}
            </View>
          ) : (
            <View>
              <Text>邀请码（向队长索取的6位邀请码）</Text>
              <Input
                value={code}
                maxlength={6}
                onInput={(e) => setCode(e.detail.value)}
                data-testid="team-code-input"
              />
              {errors.code ? (
                <Text className="activity-field-error" data-testid="error-code">
                  {errors.code}
                </Text>
              ) : null}
            </View>
          )}
        </View>
      ) : null}
      <QuestionFields questions={activity.questions} answers={answers} errors={errors} onChange={setAnswers} />
      {failure ? (
        <Text className="notice notice--error" data-testid="sign-up-failure">
          {failure}
        </Text>
      ) : null}
      <Button className="btn" loading={busy} onClick={() => void submit()} data-testid="sign-up-submit">
        {SUBMIT_LABELS[mode]}
      </Button>
    </View>
  );
}
