import { Button, Text, Textarea, View } from '@tarojs/components';
import './index.css';

interface PasteScanPanelProps {
  title: string;
  placeholder: string;
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  /** `${testId}-input` for the box; `submitTestId` for the button. */
  testId: string;
  submitTestId: string;
}

/**
 * H5 only: what a USB scanner gun (or another app) read from a QR, pasted as text. weapp
 * scans with WeChat's own scanner and never shows this.
 */
export function PasteScanPanel(props: PasteScanPanelProps) {
  return (
    <View className="panel paste-scan">
      <Text className="panel__title">{props.title}</Text>
      <Textarea
        className="text-area paste-scan__input"
        value={props.value}
        maxlength={300}
        placeholder={props.placeholder}
        onInput={(e) => props.onChange(e.detail.value)}
        data-testid={`${props.testId}-input`}
      />
      <Button className="btn" disabled={props.busy} onClick={props.onSubmit} data-testid={props.submitTestId}>
        {props.submitLabel}
      </Button>
    </View>
  );
}
