import type { ActivityStatus } from '@union/shared';

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '已发布',
  paused: '已暂停',
  cancelled: '已取消',
};

export const QUESTION_KIND_LABELS = {
  short_text: '简答',
  single_choice: '单选',
  multiple_choice: '多选',
} as const;
