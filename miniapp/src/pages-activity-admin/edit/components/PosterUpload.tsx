/** 活动海报: chosen from the album or camera and sent as raw bytes; the BFF judges the file by its content. */
import { Button, Image, Text, View } from '@tarojs/components';
import { PHOTO_CONTENT_TYPES } from '@union/shared';
import { useState } from 'react';
import { BrowserFilePicker } from '../../../components/FilePicker';
import { errorMessage } from '../../../services/http';
import { photoSrc, pickPhotoInWeapp, type PickedFile } from '../../../services/stations';
import { isWeapp } from '../../../utils/platform';
import { showMessage, showSuccess } from '../../../utils/toast';
import { uploadPoster } from '../../services';
import { POSTER_TEXT as T } from '../../strings';

interface PosterUploadProps {
  activityId: string;
  posterUrl: string | null;
  onUploaded: (posterUrl: string) => void;
}

export function PosterUpload({ activityId, posterUrl, onUploaded }: PosterUploadProps) {
  const [busy, setBusy] = useState(false);

  async function upload(file: PickedFile | null) {
    if (!file) return;
    setBusy(true);
    try {
      onUploaded((await uploadPoster(activityId, file)).posterUrl);
      showSuccess(T.done);
    } catch (failure) {
      showMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function pickInWeapp() {
    try {
      await upload(await pickPhotoInWeapp());
    } catch (failure) {
      showMessage(errorMessage(failure));
    }
  }

  const label = busy ? T.uploading : posterUrl ? T.replace : T.upload;
  return (
    <View className="panel" data-testid="activity-poster">
      <Text className="panel__title">{T.title}</Text>
      {posterUrl ? (
        <Image
          src={photoSrc(posterUrl)}
          mode="widthFix"
          style={{ width: '100%' }}
          data-testid="activity-poster-image"
        />
      ) : (
        <Text className="muted">{T.none}</Text>
      )}
      {isWeapp() ? (
        <Button
          className="btn btn--small"
          disabled={busy}
          onClick={() => void pickInWeapp()}
          data-testid="activity-poster-upload"
        >
          {label}
        </Button>
      ) : (
        <BrowserFilePicker
          label={label}
          accept={PHOTO_CONTENT_TYPES.join(',')}
          disabled={busy}
          onPick={(file) => void upload(file)}
          testId="activity-poster-upload-file"
        />
      )}
    </View>
  );
}
