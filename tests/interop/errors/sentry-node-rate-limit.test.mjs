// A per-project rate limit answered with 429 + Retry-After + X-Sentry-Rate-Limits makes the real
// @sentry/node SDK stop sending: further captures are dropped in the client, so Homeport sees no
// more requests until the limit has passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHomeport } from '../lib/homeport.mjs';
import { dsnOf, sentryClient, restApi, metric } from './sentry.mjs';

test('the SDK pauses after a 429 from the project rate limit', async () => {
  const homeport = await startHomeport({
    disable: ['channels', 'search', 'storage', 'inference'],
    extraEnv: { HOMEPORT_ERRORS_EVENTS_PER_MINUTE: '2' },
  });
  try {
    await homeport.settled();
    const api = restApi(homeport);
    const requests = (cls) => metric(homeport, `homeport_http_requests_total{service="errors",class="${cls}"}`);
    const { client, scope } = sentryClient(dsnOf(homeport));

    // Send one at a time until the limit answers 429 (a minute boundary may reset it once).
    let sent = 0;
    while ((await requests('4xx')) === 0 && sent < 8) {
      scope.captureException(new Error(`burst ${sent++}`));
      await client.flush(10000);
    }
    assert.equal(await requests('4xx'), 1, 'one request was rate limited');
    assert.equal(await metric(homeport, 'homeport_errors_events_total{result="rate_limited"}'), 1);
    const answered = (await requests('2xx')) + (await requests('4xx'));

    // The SDK now drops events itself: nothing more reaches Homeport.
    for (let i = 0; i < 5; i++) scope.captureException(new Error(`while limited ${i}`));
    await client.flush(5000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await requests('2xx')) + (await requests('4xx')), answered, 'the SDK sent nothing while limited');
    const stored = (await api.issues('')).reduce((n, i) => n + Number(i.count), 0);
    assert.ok(stored >= 2 && stored <= 4, `stored ${stored}`);
  } finally {
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  }
});
