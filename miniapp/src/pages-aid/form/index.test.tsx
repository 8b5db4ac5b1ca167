import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { AidApplication } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import {
  aidApplication,
  aidProgramme,
  APPLICATION_ID,
  CHILD_ID_NUMBER,
  completeApplication,
} from '../../../test/aid-fixtures';
import { apiError, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import AidFormPage from './index';

const BASE = `/api/aid/applications/${APPLICATION_ID}`;

/** A server that keeps drafts like the BFF: PUT merges the parts sent; `offline` drops every PUT. */
function server(initial: AidApplication = aidApplication()) {
  const state = { application: initial, drafts: [] as unknown[], offline: false, submitted: 0, templateRequests: 0 };
  taroTest.respondWith(({ method, path, body }) => {
    if (path === '/api/aid/programmes') return { statusCode: 200, data: { items: [aidProgramme()] } };
    if (path === '/api/notifications/templates') {
      state.templateRequests += 1;
      return { statusCode: 200, data: { aidStatus: 'tmpl-aid-status' } };
    }
    if (method === 'GET' && path === BASE) return { statusCode: 200, data: state.application };
    if (method === 'PUT' && path === `${BASE}/draft`) {
      if (state.offline) throw new Error('request:fail');
      const draft = body as Partial<AidApplication>;
      state.drafts.push(draft);
      const current = state.application;
      state.application = {
        ...current,
        child: { ...current.child, ...draft.child },
        household: { ...current.household, ...draft.household },
        payment: { ...current.payment, ...draft.payment },
      };
      return { statusCode: 200, data: state.application };
    }
    if (method === 'POST' && path === `${BASE}/submit`) {
      state.submitted += 1;
      return { statusCode: 200, data: { ...state.application, status: 'in_review' } };
    }
    return { statusCode: 404, data: null };
  });
  return state;
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function fillChild(idNumber = CHILD_ID_NUMBER) {
  type('aid-child-name', '张小明');
  type('aid-child-id-number', idNumber);
  type('aid-child-school', '浙江大学');
  type('aid-child-major', '计算机科学与技术');
  fireEvent.click(screen.getByTestId('aid-child-level-undergraduate'));
  type('aid-child-year', '2026');
}

function openForm() {
  taroTest.setRouterParams({ id: APPLICATION_ID });
  return render(<AidFormPage />);
}

const currentStep = () => screen.getByTestId('aid-current-step').textContent;

describe('助学申请表', () => {
  it('shows the schema errors next to the fields and does not move on', async () => {
    signIn();
    const state = server();
    openForm();

    await screen.findByTestId('aid-step-child');
    fillChild('110105194912310021');
    type('aid-child-school', '');
    fireEvent.click(screen.getByTestId('aid-next'));

    expect((await screen.findByTestId('aid-child-id-number-error')).textContent).toBe(
      '身份证号校验位不正确，请核对后重新输入',
    );
    expect(screen.getByTestId('aid-child-school-error').textContent).toBe('请填写录取院校');
    expect(currentStep()).toBe('子女信息');
    // What is already right is still saved; the wrong ID number stays on the phone only.
    await waitFor(() => expect(state.drafts).toHaveLength(1));
    expect(state.drafts[0]).toEqual({
      child: { name: '张小明', major: '计算机科学与技术', educationLevel: 'undergraduate', admissionYear: 2026 },
    });
  });

  it('converts the income typed in yuan to fen', async () => {
    signIn();
    const state = server();
    taroTest.storage.set(`union.aid-draft.${APPLICATION_ID}`, { values: null, step: 1, unsent: false });
    openForm();

    await screen.findByTestId('aid-step-household');
    type('aid-household-members', '3');
    type('aid-household-income', '48000.5');
    fireEvent.click(screen.getByTestId('aid-household-hardship-low_income'));
    fireEvent.click(screen.getByTestId('aid-next'));

    await waitFor(() => expect(currentStep()).toBe('收款账户'));
    expect(state.drafts.at(-1)).toEqual({
      household: { members: 3, annualIncomeFen: 4800050, hardshipCategory: 'low_income' },
    });
  });

  it('saves each step and resumes from the server draft when reopened', async () => {
    signIn();
    const state = server();
    const first = openForm();

    await screen.findByTestId('aid-step-child');
    fillChild();
    fireEvent.click(screen.getByTestId('aid-next'));

    await waitFor(() => expect(screen.getByTestId('aid-save-state').textContent).toBe('已自动保存'));
    expect(currentStep()).toBe('家庭情况');
    expect(state.drafts[0]).toEqual({
      child: {
        name: '张小明',
        idNumber: CHILD_ID_NUMBER,
        school: '浙江大学',
        major: '计算机科学与技术',
        educationLevel: 'undergraduate',
        admissionYear: 2026,
      },
    });
    first.unmount();

    // Another phone, or the app reinstalled: nothing local, only the server's draft.
    taroTest.storage.delete(`union.aid-draft.${APPLICATION_ID}`);
    openForm();

    await screen.findByTestId('aid-step-child');
    expect((screen.getByTestId('aid-child-school') as HTMLInputElement).value).toBe('浙江大学');
    expect((screen.getByTestId('aid-child-id-number') as HTMLInputElement).value).toBe(CHILD_ID_NUMBER);
  });

  it('keeps what was typed offline on the phone and sends it when the network is back', async () => {
    signIn();
    const state = server();
    state.offline = true;
    const first = openForm();

    await screen.findByTestId('aid-step-child');
    fillChild();
    fireEvent.click(screen.getByTestId('aid-next'));

    await waitFor(() => expect(screen.getByTestId('aid-save-state').textContent).toContain('已保存在本机'));
    expect(state.drafts).toHaveLength(0);
    first.unmount();

    // Reopened while still offline: the local copy wins over the empty server draft.
    openForm();
    await waitFor(() => expect(currentStep()).toBe('家庭情况'));
    fireEvent.click(screen.getByTestId('aid-prev'));
    expect((screen.getByTestId('aid-child-school') as HTMLInputElement).value).toBe('浙江大学');

    state.offline = false;
    act(() => taroTest.networkBack());

    await waitFor(() => expect(screen.getByTestId('aid-save-state').textContent).toBe('已自动保存'));
    expect(state.drafts).toHaveLength(1);
    expect(state.application.child.school).toBe('浙江大学');
  });

  it('on a 400 with details goes back to the step with the field and shows the message there', async () => {
    signIn();
    const state = server(completeApplication());
    taroTest.storage.set(`union.aid-draft.${APPLICATION_ID}`, { values: null, step: 4, unsent: false });
    openForm();
    await screen.findByTestId('aid-step-confirm');
    taroTest.respondWith(({ path }) => {
      if (path === `${BASE}/submit`) {
        return apiError(400, 'validation_failed', '请检查填写的信息', [
          { path: 'child.idNumber', message: '该子女已在本年度项目中申请过' },
        ]);
      }
      return { statusCode: 200, data: state.application };
    });

    fireEvent.click(screen.getByTestId('aid-submit'));

    await waitFor(() => expect(currentStep()).toBe('子女信息'));
    expect(screen.getByTestId('aid-child-id-number-error').textContent).toBe('该子女已在本年度项目中申请过');
    expect(screen.getByTestId('aid-form-error').textContent).toBe('请检查填写的信息');
  });

  it('asks for the declaration before submitting', async () => {
    signIn();
    const state = server(completeApplication({ declarationAccepted: false }));
    taroTest.storage.set(`union.aid-draft.${APPLICATION_ID}`, { values: null, step: 4, unsent: false });
    openForm();

    fireEvent.click(await screen.findByTestId('aid-submit'));

    expect((await screen.findByTestId('aid-declaration-error')).textContent).toBe('请阅读并确认申请承诺');
    expect(state.submitted).toBe(0);
  });

  it('in weapp asks for the subscribe message, then submits and opens the progress page', async () => {
    signIn();
    process.env.TARO_ENV = 'weapp';
    vi.mocked(Taro.requestSubscribeMessage).mockRejectedValueOnce(new Error('requestSubscribeMessage:fail cancel'));
    const state = server(completeApplication());
    taroTest.storage.set(`union.aid-draft.${APPLICATION_ID}`, { values: null, step: 4, unsent: false });
    openForm();

    fireEvent.click(await screen.findByTestId('aid-submit'));

    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages-aid/application/index?id=${APPLICATION_ID}` }),
    );
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tmpl-aid-status'] }),
    );
    expect(state.submitted).toBe(1);
    expect(taroTest.storage.has(`union.aid-draft.${APPLICATION_ID}`)).toBe(false);
  });

  it('in H5 submits without asking for subscriptions', async () => {
    signIn();
    const state = server(completeApplication());
    taroTest.storage.set(`union.aid-draft.${APPLICATION_ID}`, { values: null, step: 4, unsent: false });
    openForm();

    fireEvent.click(await screen.findByTestId('aid-submit'));

    await waitFor(() => expect(state.submitted).toBe(1));
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(state.templateRequests).toBe(0);
  });
});
