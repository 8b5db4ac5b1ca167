import { pickedFromBrowser, type PickedFile } from '../../services/stations';
import './index.css';

interface BrowserFilePickerProps {
  label: string;
  /** The input's `accept`, e.g. `.xlsx,.csv` or `image/jpeg,image/png`. */
  accept: string;
  disabled?: boolean;
  onPick: (file: PickedFile) => void;
  testId?: string;
}

/**
 * H5 only: a real file input styled as a button. weapp has no such element; its pages
 * use Taro.chooseImage / chooseMessageFile instead (see services/stations).
 */
export function BrowserFilePicker({ label, accept, disabled, onPick, testId }: BrowserFilePickerProps) {
  return (
    <label className={`btn file-picker ${disabled ? 'file-picker--disabled' : ''}`}>
      {label}
      <input
        className="file-picker__input"
        type="file"
        accept={accept}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) fires again.
          e.currentTarget.value = '';
          if (file) onPick(pickedFromBrowser(file));
        }}
      />
    </label>
  );
}
