import { Text, View } from '@tarojs/components';
import type { AidApplication } from '@union/shared';
import { openDocument } from '../../../services/aid-files';
import { errorMessage } from '../../../services/http';
import { formatDateTime } from '../../../utils/datetime';
import { showMessage } from '../../../utils/toast';
import { documentName, formatText, sizeText } from '../../document-text';

/** What the member sent with the application; each opens through a fresh signed link, as on the form. */
export function ApplicationDocuments({ documents }: { documents: AidApplication['documents'] }) {
  return (
    <View className="panel" data-testid="aid-application-documents">
      <Text className="panel__title">证明材料</Text>
      {documents.length === 0 ? <Text className="muted">尚未上传材料</Text> : null}
      {documents.map((document) => (
        <View key={document.id} className="row aid-doc" data-testid="aid-application-document">
          <View className="aid-doc__info">
            <Text className="aid-doc__name" data-testid="aid-application-document-name">
              {documentName(document, documents)}
            </Text>
            <Text className="muted" data-testid="aid-application-document-meta">
              {`${formatText(document.contentType)} · ${sizeText(document.size)} · ${formatDateTime(document.uploadedAt)}`}
            </Text>
          </View>
          <Text
            className="link aid-doc__open"
            onClick={() =>
              void openDocument(document.id, document.contentType).catch((e: unknown) => showMessage(errorMessage(e)))
            }
            data-testid="aid-application-document-open"
          >
            查看
          </Text>
        </View>
      ))}
    </View>
  );
}
