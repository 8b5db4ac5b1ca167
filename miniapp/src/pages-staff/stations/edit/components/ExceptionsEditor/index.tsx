import { Input, Picker, Switch, Text, View } from '@tarojs/components';
import { chinaDateAfter, type OpeningException, type OpeningHours } from '@union/shared';
import { DEFAULT_INTERVAL } from '../../draft';
import { IntervalList } from '../IntervalList';

interface ExceptionsEditorProps {
  hours: OpeningHours;
  onChange: (hours: OpeningHours) => void;
}

/** Dated exceptions: a holiday closure or shorter hours on one date replace that day's weekly hours. */
export function ExceptionsEditor({ hours, onChange }: ExceptionsEditorProps) {
  const setExceptions = (exceptions: OpeningException[]) => onChange({ ...hours, exceptions });
  const update = (index: number, change: Partial<OpeningException>) =>
    setExceptions(hours.exceptions.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));

  return (
    <View data-testid="exceptions-editor">
      {hours.exceptions.length === 0 ? <Text className="muted">节假日休息或临时调整时间时添加</Text> : null}
      {hours.exceptions.map((entry, index) => {
        const closed = entry.intervals.length === 0;
        return (
          <View key={index} className="exception" data-testid={`exception-${index}`}>
            <View className="row">
              <Picker
                mode="date"
                value={entry.date}
                onChange={(e) => update(index, { date: e.detail.value })}
                data-testid={`exception-${index}-date`}
              >
                <Text className="time-box">{entry.date}</Text>
              </Picker>
              <Text
                className="link"
                onClick={() => setExceptions(hours.exceptions.filter((_, i) => i !== index))}
                data-testid={`exception-${index}-remove`}
              >
                删除
              </Text>
            </View>
            <Input
              className="staff-input"
              value={entry.note ?? ''}
              maxlength={40}
              placeholder="说明，如：国庆节"
              onInput={(e) => update(index, { note: e.detail.value })}
              data-testid={`exception-${index}-note`}
            />
            <View className="row">
              <Text>全天休息</Text>
              <Switch
                checked={closed}
                color="#c8161d"
                onChange={(e) => update(index, { intervals: e.detail.value ? [] : [{ ...DEFAULT_INTERVAL }] })}
                data-testid={`exception-${index}-closed`}
              />
            </View>
            {closed ? null : (
              <IntervalList
                intervals={entry.intervals}
                onChange={(intervals) => update(index, { intervals })}
                testId={`exception-${index}-interval`}
                emptyText="全天休息"
              />
            )}
          </View>
        );
      })}
      <Text
        className="link"
        onClick={() =>
          setExceptions([...hours.exceptions, { date: chinaDateAfter(new Date(), 1), intervals: [], note: '' }])
        }
        data-testid="exception-add"
      >
        + 添加例外日期
      </Text>
    </View>
  );
}
