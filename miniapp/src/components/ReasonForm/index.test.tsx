import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ReasonForm } from './index';

function Harness({ error }: { error?: string }) {
  const [reason, setReason] = useState('');
  return (
    <ReasonForm
      title="停用驿站"
      value={reason}
      onChange={setReason}
      placeholder="停用原因"
      maxlength={100}
      picks={['装修暂停服务', '场地方搬迁']}
      error={error}
      testId="close-reason"
    >
      <button type="button">确认停用</button>
    </ReasonForm>
  );
}

describe('ReasonForm', () => {
  it('fills the reason from a quick pick and keeps it editable', () => {
    render(<Harness />);
    fireEvent.click(screen.getByTestId('close-reason-pick-1'));
    const box = screen.getByTestId('close-reason') as HTMLTextAreaElement;
    expect(box.value).toBe('场地方搬迁');
    expect(screen.getByTestId('close-reason-pick-1').getAttribute('aria-pressed')).toBe('true');

    fireEvent.change(box, { target: { value: '场地方搬迁，下月恢复' } });
    expect(box.value).toBe('场地方搬迁，下月恢复');
    expect(screen.getByTestId('close-reason-pick-1').getAttribute('aria-pressed')).toBe('false');
  });

  it('shows the schema message under the reason, and the buttons it is given', () => {
    render(<Harness error="请说明停用原因" />);
    expect(screen.getByTestId('close-reason-error').textContent).toBe('请说明停用原因');
    expect(screen.getByText('确认停用')).toBeTruthy();
  });
});
