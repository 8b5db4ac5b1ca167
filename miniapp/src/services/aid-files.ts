/**
 * Proof documents for aid applications: picking them on the phone (camera, album, chat
 * files) or in the browser, and opening one through its short-lived signed link.
 */
import Taro from '@tarojs/taro';
import { AID_DOCUMENT_CONTENT_TYPES, MAX_AID_DOCUMENT_BYTES } from '@union/shared';
import { isWeapp } from '../utils/platform';
import { fetchDocumentLink } from './aid';
import { ApiError, type BinaryBody } from './http';

export interface PickedDocument {
  name: string;
  size: number;
  body: BinaryBody;
  contentType: string;
}

export const DOCUMENT_ACCEPT = ['.jpg', '.jpeg', '.png', '.pdf', ...AID_DOCUMENT_CONTENT_TYPES].join(',');

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/**
 * The Content-Type to declare. The BFF judges the bytes anyway; this only has to be one
 * it accepts. WeChat's compressed photos are JPEG whatever their temp names say.
 */
export function documentContentType(name: string, reported = ''): string | null {
  const extension = (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '').toLowerCase();
  const byName = TYPES_BY_EXTENSION[extension];
  if (byName) return byName;
  return (AID_DOCUMENT_CONTENT_TYPES as readonly string[]).includes(reported) ? reported : null;
}

/** Refuses what the BFF would refuse anyway, before spending the member's data on it. */
export function checkDocument(file: PickedDocument | null): PickedDocument | null {
  if (!file) return null;
  if (file.size > MAX_AID_DOCUMENT_BYTES) {
    throw new ApiError(413, 'payload_too_large', `文件不能超过 ${MAX_AID_DOCUMENT_BYTES / 1024 / 1024} MB`);
  }
  return file;
}

export function pickedFromBrowserFile(file: File): PickedDocument | null {
  const contentType = documentContentType(file.name, file.type);
  if (!contentType) throw new ApiError(415, 'unsupported_file', '只能上传 JPG、PNG 图片或 PDF 文件');
  return checkDocument({ name: file.name, size: file.size, body: file, contentType });
}

function readLocalFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: (err) => reject(new ApiError(0, 'file_unreadable', `无法读取所选文件：${err.errMsg}`)),
    });
  });
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/** weapp: one photo from the camera or album (compressed by WeChat); null when cancelled. */
export async function pickPhotoInWeapp(): Promise<PickedDocument | null> {
  let path: string | undefined;
  try {
    const chosen = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    path = chosen.tempFiles[0]?.tempFilePath;
  } catch {
    return null;
  }
  if (!path) return null;
  const body = await readLocalFile(path);
  return checkDocument({ name: baseName(path), size: body.byteLength, body, contentType: 'image/jpeg' });
}

/** weapp: a PDF or picture forwarded into a chat (where phones keep scanned letters); null when cancelled. */
export async function pickChatFileInWeapp(): Promise<PickedDocument | null> {
  let file: { path: string; name: string } | undefined;
  try {
    const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] });
    file = chosen.tempFiles[0];
  } catch {
    return null;
  }
  if (!file) return null;
  const name = file.name || baseName(file.path);
  const contentType = documentContentType(name);
  if (!contentType) throw new ApiError(415, 'unsupported_file', '只能上传 JPG、PNG 图片或 PDF 文件');
  const body = await readLocalFile(file.path);
  return checkDocument({ name, size: body.byteLength, body, contentType });
}

/** Signed links are paths on the BFF; the weapp fetches them from its origin. */
function absolute(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${API_BASE}${url}`;
}

/**
 * Opens a document through a fresh signed link (they expire within minutes, so never
 * cached). H5: a new tab. weapp: downloaded first, then the image viewer or the document reader.
 */
export async function openDocument(documentId: string, contentType: string): Promise<void> {
  const { url } = await fetchDocumentLink(documentId);
  const link = absolute(url);
  if (!isWeapp()) {
    window.open(link, '_blank', 'noopener');
    return;
  }
  let filePath: string;
  try {
    const downloaded = await Taro.downloadFile({ url: link });
    if (downloaded.statusCode !== 200) throw new Error(String(downloaded.statusCode));
    filePath = downloaded.tempFilePath;
  } catch {
    throw new ApiError(0, 'download_failed', '材料下载失败，请稍后重试');
  }
  if (contentType === 'application/pdf') await Taro.openDocument({ filePath, fileType: 'pdf' });
  else await Taro.previewImage({ urls: [filePath], current: filePath });
}
