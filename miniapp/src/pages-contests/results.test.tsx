import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CERTIFICATE_VERIFY_PAGE } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { CONTEST_ID, publishedResults } from '../../test/contest-fixtures';
import { apiError, signIn } from '../../test/fixtures';
import { taroTest } from '../../test/taro-mock';
import { detail, entry } from '../../test/activity-fixtures';
import ActivityDetailPage from '../pages-activities/detail/index';
import { ROUTES } from '../routes';
import MyActivitiesPage from '../pages-activities/mine/index';
import CertificatePage from './certificate/index';
import ContestResultsPage from './results/index';
import CertificateVerifyPage from './verify/index';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).buffer;
const myResult = {
  activityId: CONTEST_ID,
  title: '西湖区职工焊工技能竞赛',
  groupName: '高级工组',
  displayName: '李娜',
  rank: 2,
  award: '二等奖',
  publishedAt: '2026-12-04T08:00:00.000Z',
  certificateAvailable: true,
};

describe('比赛成绩', () => {
  it('shows each group ranked with awards and masked names, my row marked, and a link to my certificate', async () => {
    signIn();
    taroTest.setRouterParams({ id: CONTEST_ID });
    taroTest.respondWith(({ path }) =>
      path === `/api/contests/${CONTEST_ID}/results`
        ? { statusCode: 200, data: publishedResults() }
        : { statusCode: 404, data: null },
    );
    render(<ContestResultsPage />);
    const group = await screen.findByTestId('results-group-senior');
    const rows = within(group).getAllByTestId(/^results-row/);
    expect(rows.map((row) => row.textContent)).toEqual([
      '1王*一等奖92.5',
      '2李*（我）二等奖88',
      '2赵强二等奖88',
      '—陈*缺考',
    ]);
    expect(within(group).getByTestId('results-row-mine').className).toContain('results-table__row--mine');

    fireEvent.click(screen.getByTestId('results-certificate'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-contests/certificate/index?id=${CONTEST_ID}` });
  });

  it('saves my consent to the full name and shows the ranking as the server now words it', async () => {
    signIn();
    taroTest.setRouterParams({ id: CONTEST_ID });
    let consent = false;
    const saved: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'PUT' && path === `/api/contests/${CONTEST_ID}/consent`) {
        saved.push(body);
        consent = (body as { showFullName: boolean }).showFullName;
        return { statusCode: 200, data: { showFullName: consent } };
      }
      const results = publishedResults({ myConsent: { showFullName: consent } });
      if (consent) results.groups[0]!.rows[1]!.displayName = '李娜';
      return { statusCode: 200, data: results };
    });
    render(<ContestResultsPage />);
    const toggle = (await screen.findByTestId('results-consent-switch')) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('results-row-mine').textContent).toContain('李娜（我）'));
    expect(saved).toEqual([{ showFullName: true }]);
    expect((screen.getByTestId('results-consent-switch') as HTMLInputElement).checked).toBe(true);
  });

  it('says the results are not out yet before publishing', async () => {
    signIn();
    taroTest.setRouterParams({ id: CONTEST_ID });
    taroTest.respondWith(() => ({
      statusCode: 200,
      data: publishedResults({ published: false, publishedAt: null, groups: [], myConsent: null }),
    }));
    render(<ContestResultsPage />);
    expect((await screen.findByTestId('results-unpublished')).textContent).toContain('成绩尚未公布');
    expect(screen.queryByTestId('results-certificate')).toBeNull();
  });
});

describe('证书验证', () => {
  it("lives where the BFF's certificate link sends the browser", () => {
    expect(ROUTES.certificateVerify).toBe(CERTIFICATE_VERIFY_PAGE);
  });

  it('shows a valid certificate with the masked holder, without signing in', async () => {
    const seen: { path: string; query: string; token?: string }[] = [];
    taroTest.setRouterParams({ code: 'CERT-abc123' });
    taroTest.respondWith(({ path, query, token }) => {
      seen.push({ path, query, token });
      return {
        statusCode: 200,
        data: {
          valid: true,
          contestTitle: '西湖区职工焊工技能竞赛',
          unionName: '西湖区总工会',
          groupName: '高级工组',
          award: '一等奖',
          holderName: '王*',
          publishedAt: '2026-12-04T08:00:00.000Z',
          activityId: CONTEST_ID,
        },
      };
    });
    render(<CertificateVerifyPage />);
    const valid = await screen.findByTestId('verify-valid');
    expect(valid.textContent).toContain('证书有效');
    expect(screen.getByTestId('verify-award').textContent).toBe('奖项：一等奖');
    expect(screen.getByTestId('verify-holder').textContent).toBe('获奖者：王*');
    expect(seen).toEqual([{ path: '/api/certificates/verify', query: 'code=CERT-abc123', token: undefined }]);
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('says the certificate is invalid or unpublished when the server does not know it', async () => {
    taroTest.setRouterParams({ code: 'forged' });
    taroTest.respondWith(() => apiError(404, 'not_found', '证书无效或成绩未公布'));
    render(<CertificateVerifyPage />);
    expect((await screen.findByTestId('verify-invalid')).textContent).toContain('证书无效或成绩未公布');
    expect(screen.queryByTestId('verify-valid')).toBeNull();
  });
});

describe('获奖证书', () => {
  function serveCertificate() {
    signIn();
    taroTest.setRouterParams({ id: CONTEST_ID });
    taroTest.respondWith(({ path, responseType }) => {
      if (path === `/api/contests/${CONTEST_ID}/certificate` && responseType === 'arraybuffer')
        return { statusCode: 200, data: PNG };
      if (path === '/api/contests/results/mine') return { statusCode: 200, data: { items: [myResult] } };
      return { statusCode: 404, data: null };
    });
  }

  it('saves the image to the album in weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    serveCertificate();
    render(<CertificatePage />);
    fireEvent.click(await screen.findByTestId('certificate-save'));
    const filePath = `wxfile://usr/certificate-${CONTEST_ID}.png`;
    await waitFor(() => expect(Taro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath }));
    expect(new Uint8Array(taroTest.files.get(filePath)!)).toEqual(new Uint8Array(PNG));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));
  });

  it('explains the album permission and opens the settings when it was refused, then saves', async () => {
    process.env.TARO_ENV = 'weapp';
    serveCertificate();
    vi.mocked(Taro.saveImageToPhotosAlbum).mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    vi.mocked(Taro.openSetting).mockResolvedValueOnce({ authSetting: { 'scope.writePhotosAlbum': true } } as never);
    render(<CertificatePage />);
    fireEvent.click(await screen.findByTestId('certificate-save'));
    await waitFor(() => expect(Taro.saveImageToPhotosAlbum).toHaveBeenCalledTimes(2));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限' }));
    expect(Taro.openSetting).toHaveBeenCalledTimes(1);
  });

  it('shares the certificate picture in weapp and the published ranking from the 转发 menu', async () => {
    process.env.TARO_ENV = 'weapp';
    serveCertificate();
    render(<CertificatePage />);
    fireEvent.click(await screen.findByTestId('certificate-share'));
    await waitFor(() =>
      expect(Taro.showShareImageMenu).toHaveBeenCalledWith({ path: `wxfile://usr/certificate-${CONTEST_ID}.png` }),
    );
    await waitFor(() =>
      expect(taroTest.shareMessage()).toEqual({
        title: '我在「西湖区职工焊工技能竞赛」中荣获二等奖',
        path: `/pages-contests/results/index?id=${CONTEST_ID}`,
      }),
    );
  });

  it('downloads the PNG in the browser and offers the long-press hint', async () => {
    serveCertificate();
    const created: string[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob.type);
      return 'blob:certificate';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<CertificatePage />);
    expect((await screen.findByTestId('certificate-hint')).textContent).toContain('长按图片');
    fireEvent.click(screen.getByTestId('certificate-save'));
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
    expect(created).toEqual(['image/png']);
    expect((clicked.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('获奖证书.png');
    clicked.mockRestore();
  });
});

describe('活动页与我的活动中的比赛成绩', () => {
  it('links a published skill contest to its results, and shows nothing before publishing', async () => {
    signIn();
    taroTest.setRouterParams({ id: CONTEST_ID });
    let published = true;
    let resultsAsked = 0;
    taroTest.respondWith(({ path }) => {
      if (path === `/api/activities/${CONTEST_ID}`)
        return { statusCode: 200, data: detail({ id: CONTEST_ID, kind: 'skill_contest', kindLabel: '技能竞赛' }) };
      if (path === `/api/contests/${CONTEST_ID}/results`) {
        resultsAsked += 1;
        return {
          statusCode: 200,
          data: published ? publishedResults() : publishedResults({ published: false, groups: [], publishedAt: null }),
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<ActivityDetailPage />);
    expect((await screen.findByTestId('activity-contest-results')).textContent).toContain('您获得二等奖');
    fireEvent.click(screen.getByTestId('activity-contest-results-open'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-contests/results/index?id=${CONTEST_ID}` });

    cleanup();
    published = false;
    render(<ActivityDetailPage />);
    await screen.findByTestId('activity-title');
    await waitFor(() => expect(resultsAsked).toBe(2));
    expect(screen.queryByTestId('activity-contest-results')).toBeNull();
  });

  it('shows the award on my entry with the way to the certificate', async () => {
    signIn();
    taroTest.respondWith(({ path }) => {
      if (path === '/api/activities/entries/mine')
        return {
          statusCode: 200,
          data: { items: [entry({ activityId: CONTEST_ID, activityTitle: myResult.title })], nextCursor: null },
        };
      if (path === '/api/contests/results/mine') return { statusCode: 200, data: { items: [myResult] } };
      return { statusCode: 404, data: null };
    });
    render(<MyActivitiesPage />);
    expect((await screen.findByTestId('my-entry-award')).textContent).toContain('比赛成绩：二等奖');
    fireEvent.click(screen.getByTestId('my-entry-certificate'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-contests/certificate/index?id=${CONTEST_ID}` });
  });
});
