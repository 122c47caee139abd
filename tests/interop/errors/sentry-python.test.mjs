// Debian's python3-sentry-sdk 1.9.10 (a small script run with /usr/bin/python3): errors go to
// /store/ as gzip JSON; same function → one issue, messages normalise, chains and user/tags kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startHomeport } from '../lib/homeport.mjs';
import { dsnOf, restApi, metric } from './sentry.mjs';

const python = '/usr/bin/python3'; // Debian's, where python3-sentry-sdk is installed
const script = join(dirname(fileURLToPath(import.meta.url)), 'sentry_python_sdk.py');

test('python3-sentry-sdk: /store/ with gzip, grouping, chains, users and tags', { skip: !existsSync(python) && 'no /usr/bin/python3' }, async () => {
  const homeport = await startHomeport({ disable: ['channels', 'search', 'storage', 'inference'] });
  try {
    await homeport.settled();
    const api = restApi(homeport);
    const { stdout } = await promisify(execFile)(python, [script], {
      env: { ...process.env, SENTRY_DSN: dsnOf(homeport) }, timeout: 30000,
    });
    const ids = JSON.parse(stdout);
    assert.equal(ids.same_site.length, 3);

    const issues = await api.waitForIssues((list) => list.reduce((n, i) => n + Number(i.count), 0) === 6);
    const declined = issues.filter((i) => i.title.startsWith('ValueError: card declined'));
    assert.equal(declined.length, 1);
    assert.equal(declined[0].count, '3');
    assert.equal(declined[0].userCount, 1);
    assert.match(declined[0].culprit, /in charge$/);

    const queue = issues.filter((i) => i.title.startsWith('Queue depth'));
    assert.equal(queue.length, 1);
    assert.equal(queue[0].count, '2');
    assert.equal(queue[0].level, 'warning');

    const chained = await api.get(`/projects/homeport/default/events/${ids.chain}/`);
    const values = chained.entries.find((e) => e.type === 'exception').data.values;
    assert.deepEqual(values.map((v) => v.type), ['KeyError', 'RuntimeError']);
    assert.equal(chained.release, 'shop@1.0.0');
    assert.ok(chained.tags.some((t) => t.key === 'region' && t.value === 'eu-west'));
    assert.equal(chained.user.id, 'customer-7');

    const detail = await api.get(`/issues/${declined[0].id}/`);
    assert.ok(detail.tags.some((t) => t.key === 'environment' && t.topValues[0].value === 'interop'));
    // Python 1.9.10 sends errors to /store/ with gzip; every one was accepted.
    assert.equal(await metric(homeport, 'homeport_errors_events_total{result="accepted"}'), 6);
  } finally {
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  }
});
