import { Text, View } from '@tarojs/components';
import type { AidApplication } from '@union/shared';
import { TIMELINE_ACTION_LABELS } from '../../strings/aid';
import { formatDateTime } from '../../utils/datetime';
import './index.css';

/**
 * What happened to an application, newest first. Reviewers appear by office and role
 * (the BFF's `actor`), never by name, for the applicant and staff alike.
 */
export function AidTimeline({ timeline }: { timeline: AidApplication['timeline'] }) {
  const entries = [...timeline].reverse();
  return (
    <View className="panel" data-testid="aid-timeline">
      <Text className="panel__title">办理进度</Text>
      {entries.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className="aid-timeline__item" data-testid="aid-timeline-entry">
          <View className="aid-timeline__head">
            <Text>{TIMELINE_ACTION_LABELS[entry.action]}</Text>
            <Text className="muted">{formatDateTime(entry.at)}</Text>
          </View>
          <Text className="muted" data-testid="aid-timeline-actor">
            {entry.actor}
          </Text>
          {entry.note ? (
            <Text className="aid-timeline__note" data-testid="aid-timeline-note">
              {entry.note}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
