import { Text, View } from '@tarojs/components';
import './index.css';

export interface Entry {
  label: string;
  hint: string;
  onClick: () => void;
  testId?: string;
}

export function EntryGrid({ entries }: { entries: Entry[] }) {
  return (
    <View className="entry-grid">
      {entries.map((entry) => (
        <View key={entry.label} className="entry" onClick={entry.onClick} data-testid={entry.testId}>
          <Text className="entry__label">{entry.label}</Text>
          <Text className="entry__hint">{entry.hint}</Text>
        </View>
      ))}
    </View>
  );
}
