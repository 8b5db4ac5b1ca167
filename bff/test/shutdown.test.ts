import { expect, it } from 'vitest';
import { startTestApi } from './harness';

it('finishes in-flight requests on shutdown, then refuses new ones', async () => {
  const api = await startTestApi();
  // Password hashing makes this request take a while: it is in flight when shutdown starts.
  const inFlight = api.request('POST', '/api/auth/password-login', {
    body: { username: 'nobody', password: 'secret' },
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await api.stop();
  expect((await inFlight).status).toBe(401);
  await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
});
