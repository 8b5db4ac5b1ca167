import { Button, Text, View } from '@tarojs/components';
import type { AidApplication, DocumentKind } from '@union/shared';
import { useState } from 'react';
import { BrowserFilePicker } from '../../../components/FilePicker';
import { deleteDocument, uploadDocument } from '../../../services/aid';
import {
  DOCUMENT_ACCEPT,
  openDocument,
  pickChatFileInWeapp,
  pickedFromBrowserFile,
  pickPhotoInWeapp,
  type PickedDocument,
} from '../../../services/aid-files';
import { errorMessage } from '../../../services/http';
import { DOCUMENT_KIND_LABELS } from '../../../strings/aid';
import { formatDateTime } from '../../../utils/datetime';
import { isWeapp } from '../../../utils/platform';
import { confirm, showMessage } from '../../../utils/toast';
import { formatText, sizeText } from '../../document-text';

interface DocumentsStepProps {
  application: AidApplication;
  /** The programme's required kinds; `other` is always offered too. */
  requiredKinds: readonly DocumentKind[];
  onChange: (application: AidApplication) => void;
}

/** Per required kind: what is uploaded (open, delete) and how to add more from the camera, chats or disk. */
export function DocumentsStep({ application, requiredKinds, onChange }: DocumentsStepProps) {
  const [busyKind, setBusyKind] = useState<DocumentKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kinds: DocumentKind[] = [
    ...new Set<DocumentKind>([...requiredKinds, ...application.missingDocuments, 'other']),
  ];

  async function upload(kind: DocumentKind, pick: () => Promise<PickedDocument | null> | PickedDocument | null) {
    setError(null);
    setBusyKind(kind);
    try {
      const file = await pick();
      if (file) onChange(await uploadDocument(application.id, kind, file.body, file.contentType));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyKind(null);
    }
  }

  async function remove(documentId: string, kind: DocumentKind) {
    if (!(await confirm('删除材料', `删除这份${DOCUMENT_KIND_LABELS[kind]}？`))) return;
    try {
      onChange(await deleteDocument(application.id, documentId));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <View data-testid="aid-step-documents">
      <Text className="muted">支持 JPG、PNG 照片或 PDF 文件，单个不超过 8 MB。请确保文字清晰可辨。</Text>
      {error ? (
        <Text className="notice notice--error" data-testid="aid-documents-error">
          {error}
        </Text>
      ) : null}
      {kinds.map((kind) => {
        const uploaded = application.documents.filter((document) => document.kind === kind);
        const required = requiredKinds.includes(kind);
        return (
          <View key={kind} className="aid-doc-kind" data-testid={`aid-doc-kind-${kind}`}>
            <View className="row">
              <Text className="aid-doc-kind__title">{DOCUMENT_KIND_LABELS[kind]}</Text>
              <Text className={`tag ${uploaded.length > 0 ? 'tag--approved' : required ? 'tag--pending' : ''}`}>
                {uploaded.length > 0 ? `已上传 ${uploaded.length} 份` : required ? '必交' : '选交'}
              </Text>
            </View>
            {uploaded.map((document) => (
              <View key={document.id} className="row aid-doc" data-testid="aid-document">
                <Text
                  className="link"
                  onClick={() =>
                    void openDocument(document.id, document.contentType).catch((e: unknown) =>
                      showMessage(errorMessage(e)),
                    )
                  }
                  data-testid="aid-document-open"
                >
                  {`${formatText(document.contentType)} · ${sizeText(document.size)} · ${formatDateTime(document.uploadedAt)}`}
                </Text>
                <Text className="link" onClick={() => void remove(document.id, kind)} data-testid="aid-document-delete">
                  删除
                </Text>
              </View>
            ))}
            {isWeapp() ? (
              <View className="aid-doc-kind__actions">
                <Button
                  className="btn btn--small"
                  disabled={busyKind !== null}
                  onClick={() => void upload(kind, pickPhotoInWeapp)}
                  data-testid={`aid-upload-photo-${kind}`}
                >
                  拍照或从相册选择
                </Button>
                <Button
                  className="btn btn--small"
                  disabled={busyKind !== null}
                  onClick={() => void upload(kind, pickChatFileInWeapp)}
                  data-testid={`aid-upload-chat-${kind}`}
                >
                  从聊天中选择文件
                </Button>
              </View>
            ) : (
              <BrowserFilePicker
                label={busyKind === kind ? '正在上传…' : '选择文件上传'}
                accept={DOCUMENT_ACCEPT}
                disabled={busyKind !== null}
                onPick={(file) => void upload(kind, () => pickedFromBrowserFile(file.body as File))}
                testId={`aid-upload-file-${kind}`}
              />
            )}
          </View>
        );
      })}
    </View>
  );
}
