import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../services/http';
import { usePagedList, type Page } from './use-paged-list';

/** A fetcher whose answers the test releases one by one. */
function controlledFetcher() {
  const calls: { filter: string; cursor?: string; answer: (page: Page<string>) => void; fail: (e: Error) => void }[] =
    [];
  const fetchPage = (filter: string, cursor?: string) =>
    new Promise<Page<string>>((answer, fail) => calls.push({ filter, cursor, answer, fail }));
  return { calls, fetchPage };
}

describe('usePagedList', () => {
  it('starts over without a cursor and appends the next page for the same filter', async () => {
    const { calls, fetchPage } = controlledFetcher();
    const { result } = renderHook(() => usePagedList(fetchPage));
    expect(result.current.received).toBe(false);

    act(() => void result.current.load('open'));
    await act(async () => calls[0]!.answer({ items: ['a'], nextCursor: 'c2' }));
    expect(result.current.items).toEqual(['a']);
    expect(result.current.loaded).toBe(true);

    act(() => void result.current.loadMore());
    expect(calls[1]).toMatchObject({ filter: 'open', cursor: 'c2' });
    await act(async () => calls[1]!.answer({ items: ['b'], nextCursor: null }));
    expect(result.current.items).toEqual(['a', 'b']);
    expect(result.current.nextCursor).toBeNull();

    act(() => void result.current.reload());
    expect(calls[2]).toMatchObject({ filter: 'open', cursor: undefined });
  });

  it('keeps only the latest call: a slow answer for a filter already left is dropped', async () => {
    const { calls, fetchPage } = controlledFetcher();
    const { result } = renderHook(() => usePagedList(fetchPage));

    act(() => void result.current.load('open'));
    act(() => void result.current.load('closed'));
    await act(async () => calls[1]!.answer({ items: ['closed-1'], nextCursor: null }));
    await act(async () => calls[0]!.answer({ items: ['open-1'], nextCursor: 'late' }));

    expect(result.current.items).toEqual(['closed-1']);
    expect(result.current.nextCursor).toBeNull();
  });

  it('shows the error of a failed load and forgets the list on reset', async () => {
    const { calls, fetchPage } = controlledFetcher();
    const { result } = renderHook(() => usePagedList(fetchPage));

    act(() => void result.current.load('open'));
    const failure = new Error('offline');
    await act(async () => calls[0]!.fail(failure));
    await waitFor(() => expect(result.current.error).toBe(errorMessage(failure)));
    expect(result.current.received).toBe(false);

    act(() => void result.current.load('open'));
    await act(async () => calls[1]!.answer({ items: ['a'], nextCursor: 'c2' }));
    expect(result.current.error).toBeNull();

    act(() => result.current.reset());
    expect(result.current.received).toBe(false);
    expect(result.current.items).toEqual([]);
    expect(result.current.nextCursor).toBeNull();
  });
});
