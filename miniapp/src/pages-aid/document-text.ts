/** How an uploaded document is described to the member, on the form and on the application. */
import type { AidApplication } from '@union/shared';
import { DOCUMENT_KIND_LABELS } from '../strings/aid';

type AidDocument = AidApplication['documents'][number];

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function formatText(contentType: string): string {
  return contentType === 'application/pdf' ? 'PDF' : '图片';
}

/** Files keep no names here, so a document is called by its kind, numbered when there are several. */
export function documentName(document: AidDocument, all: readonly AidDocument[]): string {
  const sameKind = all.filter((other) => other.kind === document.kind);
  const label = DOCUMENT_KIND_LABELS[document.kind];
  return sameKind.length > 1 ? `${label}（${sameKind.indexOf(document) + 1}）` : label;
}
