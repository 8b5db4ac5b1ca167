import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { aidApplication, aidProgramme, APPLICATION_ID } from '../../../test/aid-fixtures';
import { signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import AidFormPage from './index';

const BASE = `/api/aid/applications/${APPLICATION_ID}`;
const UPLOADED = aidApplication({
  documents: [
    {
      id: '64b7f0c2a1b2c3d4e5f6f001',
      kind: 'admission_letter',
      contentType: 'application/pdf',
      size: 102400,
      uploadedAt: '2026-07-02T03:00:00.000Z',
    },
  ],
  missingDocuments: ['household_proof'],
});

function openDocumentsStep() {
  const uploads: { query: string; contentType?: string; body: unknown }[] = [];
  taroTest.respondWith(({ method, path, query, contentType, body }) => {
    if (path === '/api/aid/programmes') return { statusCode: 200, data: { items: [aidProgramme()] } };
    if (method === 'POST' && path === `${BASE}/documents`) {
      uploads.push({ query, contentType, body });
      return { statusCode: 200, data: UPLOADED };
    }
    if (path === '/api/aid/documents/64b7f0c2a1b2c3d4e5f6f001/link')
      return {
        statusCode: 200,
        data: { url: '/api/aid/files?token=signed-token-123', expiresAt: '2026-07-02T03:05:00.000Z' },
      };
    return { statusCode: 200, data: aidApplication() };
  });
  taroTest.storage.set(`union.aid-draft.${APPLICATION_ID}`, { values: null, step: 3, unsent: false });
  taroTest.setRouterParams({ id: APPLICATION_ID });
  render(<AidFormPage />);
  return uploads;
}

describe('证明材料', () => {
  it('H5: sends the chosen PDF as the raw body with its type and lists it', async () => {
    signIn();
    const uploads = openDocumentsStep();
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], '录取通知书.pdf', { type: 'application/pdf' });

    fireEvent.change(await screen.findByTestId('aid-upload-file-admission_letter'), { target: { files: [file] } });

    await waitFor(() => expect(screen.getAllByTestId('aid-document')).toHaveLength(1));
    expect(uploads).toEqual([{ query: 'kind=admission_letter', contentType: 'application/pdf', body: file }]);
  });

  it('weapp: takes a photo, uploads its bytes as JPEG, and opens a PDF in the reader', async () => {
    signIn();
    process.env.TARO_ENV = 'weapp';
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer;
    taroTest.files.set('wxfile://tmp/photo.jpg', bytes);
    vi.mocked(Taro.chooseMedia).mockResolvedValueOnce({
      tempFiles: [{ tempFilePath: 'wxfile://tmp/photo.jpg', size: 4 }],
    } as unknown as Awaited<ReturnType<typeof Taro.chooseMedia>>);
    const uploads = openDocumentsStep();

    fireEvent.click(await screen.findByTestId('aid-upload-photo-household_proof'));

    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0]).toEqual({ query: 'kind=household_proof', contentType: 'image/jpeg', body: bytes });

    fireEvent.click(await screen.findByTestId('aid-document-open'));

    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(Taro.downloadFile).toHaveBeenCalledWith({ url: '/api/aid/files?token=signed-token-123' });
    expect(Taro.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'pdf' }));
  });
});
