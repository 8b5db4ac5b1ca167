/**
 * Supporting documents (admission letter, household proof, ID photos). The list lives
 * on the application and is replaced as a whole ($set: no $push on the embedded
 * database), conditional on the version it was computed from.
 */
import { Types } from 'mongoose';
import { fillPath, MAX_AID_DOCUMENTS, aidEndpoints, type DocumentKind } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, HttpError, NotFoundError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import { discardFile, type FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import { AidApplicationModel, type AidApplicationDoc } from './aid-application.model';
import { changedMeanwhile, EDITABLE_STATUSES, ownApplication } from './applications.service';
import { DOCUMENT_LINK_TTL_MS, readDocumentToken, signDocumentToken } from './document-link';
import { aidPolicy } from './policy';

/** A document entry as stored on the application (a lean read gives plain objects). */
interface StoredDocument {
  _id?: Types.ObjectId | null;
  kind?: DocumentKind | null;
  fileKey?: string | null;
  contentType?: string | null;
  size?: number | null;
  uploadedAt?: Date | null;
}

const FOLDER = 'aid-documents';
const CONTENT_TYPES: Partial<Record<RawUpload['kind'], string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};
const MAX_ATTEMPTS = 4;
const documentNotFound = () => NotFoundError('材料不存在');

/** Refuses before any bytes are read: not the caller's, already submitted, or full. */
export function assertCanAddDocument(application: AidApplicationDoc) {
  if (!EDITABLE_STATUSES.includes(application.status)) {
    throw ConflictError('申请已提交，当前不能更改材料；如被退回补充材料，可在退回后上传', 'not_editable');
  }
  if (application.documents.length >= MAX_AID_DOCUMENTS) {
    throw ConflictError(`每份申请最多 ${MAX_AID_DOCUMENTS} 份材料，请先删除不需要的材料`, 'too_many_documents');
  }
}

async function replaceDocuments(
  actor: Actor,
  applicationId: string,
  change: (application: AidApplicationDoc) => StoredDocument[],
): Promise<AidApplicationDoc> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const application = await ownApplication(actor, applicationId);
    const documents = change(application);
    // Only onto the version the list was computed from, so a parallel change is never lost.
    const updated = await updateIfAndRead(
      AidApplicationModel,
      { key: { _id: application._id }, when: { version: application.version, status: { $in: EDITABLE_STATUSES } } },
      { $set: { documents }, $inc: { version: 1 } },
    );
    if (updated) return updated;
  }
  throw changedMeanwhile();
}

export async function addDocument(
  actor: Actor,
  files: FileStore,
  applicationId: string,
  kind: DocumentKind,
  upload: RawUpload,
): Promise<AidApplicationDoc> {
  const contentType = CONTENT_TYPES[upload.kind];
  if (!contentType) throw new HttpError(415, 'unsupported_file', '文件类型不支持，请上传 JPG、PNG 或 PDF');
  const stored = await files.put(FOLDER, upload.bytes, contentType);
  try {
    return await replaceDocuments(actor, applicationId, (application) => {
      assertCanAddDocument(application);
      const document = {
        _id: new Types.ObjectId(),
        kind,
        fileKey: stored.key,
        contentType,
        size: stored.size,
        uploadedAt: new Date(),
      };
      return [...(application.documents as StoredDocument[]), document];
    });
  } catch (error) {
    // The application never pointed at the file: do not leave it behind (the request's own
    // error is what the member sees, whether or not the store lets go of it now).
    await discardFile(files, stored.key);
    throw error;
  }
}

export async function deleteDocument(
  actor: Actor,
  files: FileStore,
  applicationId: string,
  documentId: string,
): Promise<AidApplicationDoc> {
  let removed: StoredDocument | undefined;
  const application = await replaceDocuments(actor, applicationId, (current) => {
    if (!EDITABLE_STATUSES.includes(current.status)) {
      throw ConflictError('申请已提交，当前不能删除材料', 'not_editable');
    }
    const documents = current.documents as StoredDocument[];
    removed = documents.find((document) => String(document._id) === documentId);
    if (!removed) throw documentNotFound();
    return documents.filter((document) => document !== removed);
  });
  // Removed only once the application no longer lists it, so no link points at a missing file;
  // the deletion is done by then, whether or not the store lets go of the file now.
  if (removed?.fileKey) await discardFile(files, removed.fileKey);
  return application;
}

async function applicationHolding(documentId: string): Promise<AidApplicationDoc | null> {
  return AidApplicationModel.findOne({ 'documents._id': new Types.ObjectId(documentId) }).lean<AidApplicationDoc>();
}

/** A link for the applicant or the reviewers in scope; for anyone else the document does not exist. */
export async function documentLink(actor: Actor, secret: string, documentId: string, now: Date) {
  const application = await applicationHolding(documentId);
  if (!application) throw documentNotFound();
  aidPolicy.authorize(actor, 'readDocument', application);
  const expiresAt = new Date(now.getTime() + DOCUMENT_LINK_TTL_MS);
  const token = signDocumentToken(secret, documentId, expiresAt);
  return {
    url: `${fillPath(aidEndpoints.documentFile.path)}?token=${encodeURIComponent(token)}`,
    expiresAt: expiresAt.toISOString(),
  };
}

/** The bytes behind a link, while it is genuine, unexpired, and the document still exists. */
export async function readDocumentFile(files: FileStore, secret: string, token: string, now: Date) {
  const check = readDocumentToken(secret, token, now);
  if (!check.ok && check.reason === 'expired') {
    throw new HttpError(403, 'link_expired', '查看链接已过期，请返回重新打开');
  }
  if (!check.ok) throw documentNotFound();
  const application = await applicationHolding(check.documentId);
  const document = application?.documents.find((entry) => String(entry._id) === check.documentId);
  const file = document?.fileKey ? await files.get(document.fileKey) : null;
  if (!file) throw documentNotFound();
  return file;
}
