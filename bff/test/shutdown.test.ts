import { expect, it } from 'vitest';
import { startTestApi } from './harness';

it('finishes in-flight requests on shutdown, then refuses new ones', async () => {
  const api = await startTestApi();
  // Password hashing makes this request take a while: shutdown starts once the server has it
  // (waiting a fixed time instead let shutdown win the race now and then: connection refused).
  const arrived = new Promise((resolve) => api.running.server.once('request', resolve));
  const inFlight = api.request('POST', '/api/auth/password-login', {
    body: { username: 'nobody', password: 'secret' },
  });
  await arrived;
  await api.stop();
  expect((await inFlight).status).toBe(401);
  await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
});
