import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, ALLOCATION_MODE_LABELS, ALLOCATION_MODES } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { LocationField } from '../../components/LocationField';
import { PageLoading } from '../../components/PageLoading';
import { TextField } from '../../components/TextField';
import { ApiError, errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { stationManagementOrgs } from '../../utils/roles';
import { showSuccess } from '../../utils/toast';
import { fetchStaffActivity, saveActivity } from '../services';
import { POSTER_TEXT, QUESTION_KIND_LABELS } from '../strings';
import { PosterUpload } from './components/PosterUpload';
import {
  draftFromDetail,
  emptyDraft,
  emptyGroup,
  emptyQuestion,
  emptySession,
  errorsFromApi,
  validateDraft,
  type ActivityDraft,
  type DraftErrors,
  type GroupDraft,
  type QuestionDraft,
  type SessionDraft,
} from './draft';
import './index.css';

function FieldError({ errors, path, testId }: { errors: DraftErrors; path: string; testId?: string }) {
  const message = errors[path];
  return message ? (
    <Text className="field__error" data-testid={testId ?? `activity-error-${path}`}>
      {message}
    </Text>
  ) : null;
}

/** Create or edit an activity; the same shared schema as the BFF checks it before sending. */
export default function ActivityEditPage() {
  const { params } = useRouter();
  const id = params.id || undefined;
  const me = loadSession()?.me ?? null;
  const orgs = me ? stationManagementOrgs(me) : [];
  const [draft, setDraft] = useState<ActivityDraft | null>(() =>
    id ? null : emptyDraft(orgs.length === 1 ? orgs[0]!.id : '', ACTIVITY_KINDS[0]),
  );
  const [loadError, setLoadError] = useState('');
  const [errors, setErrors] = useState<DraftErrors>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [posterUrl, setPosterUrl] = useState<string | null>(null);

  useLoad(() => {
    if (!id) return;
    fetchStaffActivity(id).then(
      (activity) => {
        setDraft(draftFromDetail(activity));
        setPosterUrl(activity.posterUrl);
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
  });

  if (!draft) return <PageLoading error={loadError} testId="activity-edit-load-error" />;

  const set = (patch: Partial<ActivityDraft>) => setDraft({ ...draft, ...patch });
  const setSession = (index: number, patch: Partial<SessionDraft>) =>
    set({ sessions: draft.sessions.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const setGroup = (index: number, patch: Partial<GroupDraft>) =>
    set({ groups: draft.groups.map((g, i) => (i === index ? { ...g, ...patch } : g)) });
  const setQuestion = (index: number, patch: Partial<QuestionDraft>) =>
    set({ questions: draft.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)) });

  async function submit() {
    if (!draft) return;
    const { input, errors: found } = validateDraft(draft);
    setErrors(found);
    setNotice('');
    if (!input) {
      setNotice('请按提示修改后再保存');
      return;
    }
    setBusy(true);
    try {
      await saveActivity(id, input);
      showSuccess('已保存');
      void Taro.navigateBack();
    } catch (error) {
      // 422: the BFF's field details land at their fields, as the local check's would.
      if (error instanceof ApiError && error.details.length) setErrors(errorsFromApi(error));
      setNotice(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page activity-edit">
      <View className="panel">
        <TextField
          label="活动标题"
          value={draft.title}
          onChange={(title) => set({ title })}
          maxlength={40}
          error={errors.title}
          testId="activity-title"
        />
        <View className="activity-edit__chips">
          {ACTIVITY_KINDS.map((kind) => (
            <Chip key={kind} on={draft.kind === kind} onClick={() => set({ kind })} testId={`activity-kind-${kind}`}>
              {ACTIVITY_KIND_LABELS[kind]}
            </Chip>
          ))}
        </View>
        {orgs.length > 1 ? (
          <View className="activity-edit__chips">
            {orgs.map((org) => (
              <Chip key={org.id} on={draft.orgId === org.id} onClick={() => set({ orgId: org.id })}>
                {org.name}
              </Chip>
            ))}
          </View>
        ) : null}
        <FieldError errors={errors} path="orgId" />
        <Textarea
          className="activity-edit__textarea"
          value={draft.description}
          maxlength={2000}
          placeholder="活动介绍"
          onInput={(e) => set({ description: e.detail.value })}
          data-testid="activity-description"
        />
        <FieldError errors={errors} path="description" />
      </View>

      <View className="panel">
        <Text className="panel__title">场地</Text>
        <View className="activity-edit__chips">
          <Chip on={!draft.online} onClick={() => set({ online: false })} testId="activity-venue-place">
            线下场地
          </Chip>
          <Chip on={draft.online} onClick={() => set({ online: true })} testId="activity-venue-online">
            线上
          </Chip>
        </View>
        <TextField
          label={draft.online ? '平台名称' : '场地名称'}
          value={draft.venueName}
          onChange={(venueName) => set({ venueName })}
          maxlength={60}
          error={errors['venue.name']}
          testId="activity-venue-name"
        />
        {draft.online ? null : (
          <>
            <TextField
              label="地址"
              value={draft.address}
              onChange={(address) => set({ address })}
              maxlength={120}
              error={errors['venue.address']}
              testId="activity-venue-address"
            />
            <LocationField
              lat={draft.lat}
              lng={draft.lng}
              onChange={(lat, lng) => set({ lat, lng })}
              onAddressFound={(address) => {
                if (!draft.address.trim()) set({ address });
              }}
              error={errors['venue.location.lat'] ?? errors['venue.location.lng'] ?? errors['venue.location']}
              testId="activity-venue"
            />
          </>
        )}
      </View>

      <View className="panel">
        <Text className="panel__title">场次（北京时间）</Text>
        <FieldError errors={errors} path="sessions" />
        {draft.sessions.map((session, index) => (
          <View key={index} className="activity-edit__item" data-testid="activity-session">
            <TextField
              label="日期"
              value={session.date}
              placeholder="YYYY-MM-DD"
              onChange={(date) => setSession(index, { date })}
              error={errors[`sessions.${index}.date`]}
              testId={`activity-session-${index}-date`}
            />
            <TextField
              label="开始"
              value={session.start}
              placeholder="HH:mm"
              onChange={(start) => setSession(index, { start })}
              error={errors[`sessions.${index}.start`]}
              testId={`activity-session-${index}-start`}
            />
            <TextField
              label="结束"
              value={session.end}
              placeholder="HH:mm"
              onChange={(end) => setSession(index, { end })}
              error={errors[`sessions.${index}.end`]}
              testId={`activity-session-${index}-end`}
            />
            {draft.sessions.length > 1 ? (
              <Button
                className="btn btn--small"
                onClick={() => set({ sessions: draft.sessions.filter((_, i) => i !== index) })}
                data-testid={`activity-session-${index}-remove`}
              >
                删除此场
              </Button>
            ) : null}
          </View>
        ))}
        <Button
          className="btn btn--small"
          onClick={() => set({ sessions: [...draft.sessions, emptySession()] })}
          data-testid="activity-session-add"
        >
          添加场次
        </Button>
      </View>

      <View className="panel">
        <Text className="panel__title">组别与名额</Text>
        <FieldError errors={errors} path="groups" />
        {draft.groups.map((group, index) => (
          <View key={group.id ?? index} className="activity-edit__item" data-testid="activity-group">
            <TextField
              label="组别名称"
              value={group.name}
              onChange={(name) => setGroup(index, { name })}
              maxlength={30}
              error={errors[`groups.${index}.name`]}
              testId={`activity-group-${index}-name`}
            />
            <TextField
              label="名额"
              type="number"
              value={group.capacity}
              onChange={(capacity) => setGroup(index, { capacity })}
              error={errors[`groups.${index}.capacity`]}
              testId={`activity-group-${index}-capacity`}
            />
            <View className="activity-edit__chips">
              {ALLOCATION_MODES.map((mode) => (
                <Chip
                  key={mode}
                  on={group.allocation === mode}
                  onClick={() => setGroup(index, { allocation: mode })}
                  testId={`activity-group-${index}-allocation-${mode}`}
                >
                  {ALLOCATION_MODE_LABELS[mode]}
                </Chip>
              ))}
            </View>
            <View className="row">
              <Text>组队报名</Text>
              <Switch checked={group.team} onChange={(e) => setGroup(index, { team: e.detail.value })} />
            </View>
            {group.team ? (
              <>
                <TextField
                  label="每队最少"
                  type="number"
                  value={group.teamMin}
                  onChange={(teamMin) => setGroup(index, { teamMin })}
                  error={errors[`groups.${index}.team.min`]}
                  testId={`activity-group-${index}-team-min`}
                />
                <TextField
                  label="每队最多"
                  type="number"
                  value={group.teamMax}
                  onChange={(teamMax) => setGroup(index, { teamMax })}
                  error={errors[`groups.${index}.team.max`]}
                  testId={`activity-group-${index}-team-max`}
                />
              </>
            ) : null}
            {draft.groups.length > 1 ? (
              <Button
                className="btn btn--small"
                onClick={() => set({ groups: draft.groups.filter((_, i) => i !== index) })}
              >
                删除组别
              </Button>
            ) : null}
          </View>
        ))}
        <Button
          className="btn btn--small"
          onClick={() => set({ groups: [...draft.groups, emptyGroup()] })}
          data-testid="activity-group-add"
        >
          添加组别
        </Button>
      </View>

      <View className="panel">
        <Text className="panel__title">报名条件</Text>
        <TextField
          label="最小年龄"
          type="number"
          value={draft.minAge}
          onChange={(minAge) => set({ minAge })}
          error={errors['audience.minAge']}
          testId="activity-min-age"
        />
        <TextField
          label="最大年龄"
          type="number"
          value={draft.maxAge}
          onChange={(maxAge) => set({ maxAge })}
          error={errors['audience.maxAge']}
          testId="activity-max-age"
        />
        <View className="row">
          <Text>仅限困难职工家庭</Text>
          <Switch
            checked={draft.hardshipFamiliesOnly}
            onChange={(e) => set({ hardshipFamiliesOnly: e.detail.value })}
          />
        </View>
      </View>

      <View className="panel">
        <Text className="panel__title">报名问题</Text>
        {draft.questions.map((question, index) => (
          <View key={index} className="activity-edit__item" data-testid="activity-question">
            <TextField
              label="问题"
              value={question.label}
              onChange={(label) => setQuestion(index, { label })}
              maxlength={60}
              error={errors[`questions.${index}.title`]}
              testId={`activity-question-${index}-title`}
            />
            <View className="activity-edit__chips">
              {(Object.keys(QUESTION_KIND_LABELS) as QuestionDraft['kind'][]).map((kind) => (
                <Chip
                  key={kind}
                  on={question.kind === kind}
                  onClick={() => setQuestion(index, { kind })}
                  testId={`activity-question-${index}-kind-${kind}`}
                >
                  {QUESTION_KIND_LABELS[kind]}
                </Chip>
              ))}
            </View>
            {question.kind === 'short_text' ? null : (
              <>
                <Textarea
                  className="activity-edit__textarea"
                  value={question.options}
                  placeholder="选项，每行一个"
                  onInput={(e) => setQuestion(index, { options: e.detail.value })}
                  data-testid={`activity-question-${index}-options`}
                />
                <FieldError errors={errors} path={`questions.${index}.options`} />
              </>
            )}
            <View className="row">
              <Text>必答</Text>
              <Switch checked={question.required} onChange={(e) => setQuestion(index, { required: e.detail.value })} />
            </View>
            <Button
              className="btn btn--small"
              onClick={() => set({ questions: draft.questions.filter((_, i) => i !== index) })}
            >
              删除问题
            </Button>
          </View>
        ))}
        <Button
          className="btn btn--small"
          onClick={() => set({ questions: [...draft.questions, emptyQuestion()] })}
          data-testid="activity-question-add"
        >
          添加问题
        </Button>
      </View>

      <View className="panel">
        <Text className="panel__title">费用（元）</Text>
        <TextField
          label="费用"
          type="digit"
          value={draft.priceYuan}
          onChange={(priceYuan) => set({ priceYuan })}
          error={errors['fee.priceFen']}
          testId="activity-price"
        />
        <TextField
          label="工会补贴"
          type="digit"
          value={draft.subsidyYuan}
          onChange={(subsidyYuan) => set({ subsidyYuan })}
          error={errors['fee.subsidyFen']}
          testId="activity-subsidy"
        />
      </View>

      <View className="panel">
        <Text className="panel__title">报名时间（北京时间 YYYY-MM-DD HH:mm）</Text>
        <TextField
          label="报名开始"
          value={draft.signUpOpensAt}
          placeholder="2026-12-01 09:00"
          onChange={(signUpOpensAt) => set({ signUpOpensAt })}
          error={errors.signUpOpensAt}
          testId="activity-opens-at"
        />
        <TextField
          label="报名截止"
          value={draft.signUpClosesAt}
          placeholder="2026-12-10 18:00"
          onChange={(signUpClosesAt) => set({ signUpClosesAt })}
          error={errors.signUpClosesAt}
          testId="activity-closes-at"
        />
        <TextField
          label="取消截止"
          value={draft.cancelDeadline}
          placeholder="2026-12-12 18:00"
          onChange={(cancelDeadline) => set({ cancelDeadline })}
          error={errors.cancelDeadline}
          testId="activity-cancel-deadline"
        />
        <TextField
          label="候补确认时限（小时）"
          type="number"
          value={draft.offerHoldHours}
          onChange={(offerHoldHours) => set({ offerHoldHours })}
          error={errors.offerHoldHours}
          testId="activity-offer-hold"
        />
      </View>

      {id ? (
        <PosterUpload activityId={id} posterUrl={posterUrl} onUploaded={setPosterUrl} />
      ) : (
        <Text className="muted">{POSTER_TEXT.saveFirst}</Text>
      )}

      {notice ? (
        <Text className="notice notice--error" data-testid="activity-edit-notice">
          {notice}
        </Text>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="activity-save">
        保存
      </Button>
    </View>
  );
}
