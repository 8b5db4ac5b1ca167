import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  AID_REVIEW_STEP_TEXT,
  AID_STATUSES,
  EDUCATION_LEVELS,
  HARDSHIP_CATEGORIES,
  type AidProgramme,
  type AidStatus,
  type EducationLevel,
  type HardshipCategory,
} from '@union/shared';
import { useState, type ReactNode } from 'react';
import { Chip } from '../../../components/Chip';
import { usePagedList } from '../../../hooks/use-paged-list';
import { ROUTES } from '../../../routes';
import { fetchAidQueue, fetchStaffProgrammes } from '../../../services/aid';
import { errorMessage } from '../../../services/http';
import { AID_STATUS_LABELS, EDUCATION_LEVEL_LABELS, HARDSHIP_LABELS } from '../../../strings/aid';
import { formatDateTime } from '../../../utils/datetime';
import './index.css';

interface Filters {
  programmeId: string;
  status: AidStatus;
  /** Index into the programme's review chain. */
  step?: number;
  educationLevel?: EducationLevel;
  hardshipCategory?: HardshipCategory;
}

/** Drafts are the member's own business; staff see everything from submission on. */
const QUEUE_STATUSES = AID_STATUSES.filter((status) => status !== 'draft');
/** The statuses an application has a review step in: waiting at it, or returned to resume there. */
const STATUSES_WITH_STEP: readonly AidStatus[] = ['in_review', 'returned'];

/** The step the workbench asked for, when the programme has it. */
function stepParam(programme: AidProgramme, asked: string | undefined): number | undefined {
  const step = Number(asked);
  return asked !== undefined && Number.isInteger(step) && step >= 0 && step < programme.reviewChain.length
    ? step
    : undefined;
}

/**
 * Applications waiting at this reviewer's level, oldest first, filtered by programme (the one
 * named by `programmeId`, else the first), status, review step (`step`), tier and hardship.
 */
export default function AidQueuePage() {
  // The workbench's 助学待审 opens the programme and step it counted.
  const { params } = useRouter();
  const [programmes, setProgrammes] = useState<AidProgramme[]>([]);
  const [filters, setFilters] = useState<Filters | null>(null);
  const [programmesLoaded, setProgrammesLoaded] = useState(false);
  const [programmesError, setProgrammesError] = useState<string | null>(null);
  const {
    items,
    nextCursor,
    loaded,
    error: listError,
    busy,
    load,
    loadMore,
  } = usePagedList((current: Filters, cursor?: string) => fetchAidQueue({ ...current, cursor }));
  const error = programmesError ?? listError;

  // Reloaded on every show so decisions made on the detail page leave the queue.
  useDidShow(() => {
    if (filters) return void load(filters);
    fetchStaffProgrammes()
      .then((found) => {
        setProgrammes(found);
        setProgrammesLoaded(true);
        const asked = found.find((programme) => programme.id === params.programmeId);
        const first = asked ?? found[0];
        if (!first) return;
        const step = asked ? stepParam(asked, params.step) : undefined;
        const initial: Filters = {
          programmeId: first.id,
          status: 'in_review',
          ...(step === undefined ? {} : { step }),
        };
        setFilters(initial);
        void load(initial);
      })
      .catch((e: unknown) => setProgrammesError(errorMessage(e)));
  });

  function change(patch: Partial<Filters>) {
    if (!filters) return;
    const next = { ...filters, ...patch };
    // Steps are the programme's own, and only some statuses stop at one.
    if (next.programmeId !== filters.programmeId || !STATUSES_WITH_STEP.includes(next.status)) delete next.step;
    setFilters(next);
    void load(next);
  }

  const chain = programmes.find((programme) => programme.id === filters?.programmeId)?.reviewChain ?? [];

  return (
    <View className="page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {programmesLoaded && programmes.length === 0 && !error ? (
        <Text className="notice notice--info">管辖范围内暂无助学项目</Text>
      ) : null}
      <View className="row">
        <Text className="muted">项目设立、发放登记与统计</Text>
        <Text
          className="link"
          onClick={() => void Taro.navigateTo({ url: ROUTES.staffAidProgrammes })}
          data-testid="aid-queue-programmes"
        >
          助学项目
        </Text>
      </View>
      {filters ? (
        <View className="panel aid-filters">
          <FilterRow label="项目">
            {programmes.map((programme) => (
              <Chip
                key={programme.id}
                on={filters.programmeId === programme.id}
                onClick={() => change({ programmeId: programme.id })}
                testId={`aid-queue-programme-${programme.id}`}
              >
                {programme.name}
              </Chip>
            ))}
          </FilterRow>
          <FilterRow label="状态">
            {QUEUE_STATUSES.map((status) => (
              <Chip
                key={status}
                on={filters.status === status}
                onClick={() => change({ status })}
                testId={`aid-queue-status-${status}`}
              >
                {AID_STATUS_LABELS[status]}
              </Chip>
            ))}
          </FilterRow>
          {STATUSES_WITH_STEP.includes(filters.status) && chain.length > 1 ? (
            <FilterRow label="审核环节">
              {chain.map((level, step) => (
                <Chip
                  key={step}
                  on={filters.step === step}
                  onClick={() => change({ step: filters.step === step ? undefined : step })}
                  testId={`aid-queue-step-${step}`}
                >
                  {AID_REVIEW_STEP_TEXT[level]}
                </Chip>
              ))}
            </FilterRow>
          ) : null}
          <FilterRow label="录取层次">
            {EDUCATION_LEVELS.map((level) => (
              <Chip
                key={level}
                on={filters.educationLevel === level}
                onClick={() => change({ educationLevel: filters.educationLevel === level ? undefined : level })}
                testId={`aid-queue-level-${level}`}
              >
                {EDUCATION_LEVEL_LABELS[level]}
              </Chip>
            ))}
          </FilterRow>
          <FilterRow label="困难类型">
            {HARDSHIP_CATEGORIES.map((category) => (
              <Chip
                key={category}
                on={filters.hardshipCategory === category}
                onClick={() =>
                  change({ hardshipCategory: filters.hardshipCategory === category ? undefined : category })
                }
                testId={`aid-queue-hardship-${category}`}
              >
                {HARDSHIP_LABELS[category]}
              </Chip>
            ))}
          </FilterRow>
        </View>
      ) : null}
      {loaded && filters && !error && items.length === 0 ? (
        <Text className="notice notice--info" data-testid="aid-queue-empty">
          没有符合条件的申请
        </Text>
      ) : null}
      {items.map((application) => (
        <View
          key={application.id}
          className="panel"
          data-testid="aid-queue-item"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffAidReview}?id=${application.id}` })}
        >
          <View className="row">
            <Text className="panel__title">{application.applicant.name}</Text>
            <Text className="tag">{AID_STATUS_LABELS[application.status]}</Text>
          </View>
          <Text className="muted">
            {[
              application.child.educationLevel ? EDUCATION_LEVEL_LABELS[application.child.educationLevel] : null,
              application.child.school,
              application.household.hardshipCategory ? HARDSHIP_LABELS[application.household.hardshipCategory] : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <View className="row">
            <Text className="muted">{application.applicant.orgName}</Text>
            <Text className="muted">{formatDateTime(application.updatedAt)}</Text>
          </View>
        </View>
      ))}
      {nextCursor && filters ? (
        <Button className="btn" disabled={busy} onClick={() => void loadMore()} data-testid="aid-queue-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

function FilterRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="aid-filters__row">
      <Text className="muted aid-filters__label">{label}</Text>
      <View className="aid-filters__chips">{children}</View>
    </View>
  );
}
