// The real @sentry/node SDK against a real headless Homeport: exceptions and messages arrive
// and group (same throw site → one issue with its count; fingerprints merge; messages normalise),
// chained exceptions via `cause`, large gzip bodies, bad keys store nothing, and a rate limit
// makes the SDK stop sending until Retry-After has passed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHomeport } from '../lib/homeport.mjs';
import { dsnOf, sentryClient, restApi, metric } from './sentry.mjs';

let homeport;
let api;

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'search', 'storage', 'inference'] });
  await homeport.settled();
  api = restApi(homeport);
});

after(async () => {
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

function failAtTheSamePlace(n) {
  throw new Error(`order ${n} could not be charged`);
}

test('captureException from one throw site makes one issue with the count, context lines and culprit', async () => {
  const { client, scope } = sentryClient(dsnOf(homeport));
  for (let i = 0; i < 3; i++) {
    try {
      failAtTheSamePlace(i);
    } catch (error) {
      scope.captureException(error);
    }
  }
  assert.equal(await client.flush(10000), true);
  const issues = await api.waitForIssues((list) => list.some((i) => i.title.startsWith('Error: order') && i.count === '3'));
  const issue = issues.find((i) => i.title.startsWith('Error: order'));
  assert.equal(issues.filter((i) => i.title.startsWith('Error: order')).length, 1);
  assert.match(issue.culprit, /failAtTheSamePlace/);
  assert.equal(issue.level, 'error');

  const detail = await api.get(`/issues/${issue.id}/`);
  assert.match(detail.groupingReason, /^in-app frames/);
  const latest = await api.get(`/issues/${issue.id}/events/latest/`);
  const exception = latest.entries.find((e) => e.type === 'exception').data.values.at(-1);
  const crashing = exception.stacktrace.frames.at(-1);
  assert.equal(crashing.function, 'failAtTheSamePlace');
  assert.equal(crashing.in_app, true);
  assert.match(crashing.context_line, /throw new Error/);
  assert.equal((await api.get(`/issues/${issue.id}/events/`)).length, 3);
  assert.ok(latest.tags.some((t) => t.key === 'runtime' || t.key === 'environment'));
});

test('captureMessage groups by the normalised message; levels are kept', async () => {
  const { client, scope } = sentryClient(dsnOf(homeport));
  scope.captureMessage('Cache shard 17 is slow (412 ms)', 'warning');
  scope.captureMessage('Cache shard 3 is slow (98 ms)', 'warning');
  scope.captureMessage('A different message', 'info');
  assert.equal(await client.flush(10000), true);
  const issues = await api.waitForIssues((list) => list.some((i) => i.title.startsWith('Cache shard') && i.count === '2'));
  const slow = issues.find((i) => i.title.startsWith('Cache shard'));
  assert.equal(slow.level, 'warning');
  assert.ok(issues.some((i) => i.title === 'A different message' && i.level === 'info'));
});

test('a fingerprint merges different errors; {{ default }} keeps the default grouping', async () => {
  const { client, scope } = sentryClient(dsnOf(homeport));
  const merged = scope.clone();
  merged.setFingerprint(['payment-gateway-down']);
  merged.captureException(new TypeError('socket hang up'));
  merged.captureException(new RangeError('timeout after 30s'));
  assert.equal(await client.flush(10000), true);
  const issues = await api.waitForIssues((list) => list.some((i) => i.count === '2' && /socket hang up|timeout after/.test(i.title)));
  const issue = issues.find((i) => /socket hang up|timeout after/.test(i.title));
  assert.match((await api.get(`/issues/${issue.id}/`)).groupingReason, /^custom fingerprint: \["payment-gateway-down"\]/);
});

test('chained exceptions (Error.cause) arrive as one event with both exceptions', async () => {
  const { client, scope } = sentryClient(dsnOf(homeport));
  const cause = new Error('ECONNREFUSED 127.0.0.1:5432');
  scope.captureException(new Error('could not load the invoice', { cause }));
  assert.equal(await client.flush(10000), true);
  const issues = await api.waitForIssues((list) => list.some((i) => i.title === 'Error: could not load the invoice'));
  const issue = issues.find((i) => i.title === 'Error: could not load the invoice');
  const latest = await api.get(`/issues/${issue.id}/events/latest/`);
  const values = latest.entries.find((e) => e.type === 'exception').data.values;
  assert.equal(values.length, 2);
  assert.equal(values[0].value, 'ECONNREFUSED 127.0.0.1:5432'); // oldest first
  assert.equal(values[1].value, 'could not load the invoice');
});

test('a large event goes gzip-compressed (the SDK gzips above 32 KiB) and is stored in full', async () => {
  const { client, scope } = sentryClient(dsnOf(homeport));
  const big = scope.clone();
  const payload = 'x'.repeat(600 * 1024);
  big.setExtra('payload', payload);
  big.captureMessage('large event with 600 KiB of extra data');
  assert.equal(await client.flush(10000), true);
  const issues = await api.waitForIssues((list) => list.some((i) => i.title === 'large event with 600 KiB of extra data'));
  const issue = issues.find((i) => i.title === 'large event with 600 KiB of extra data');
  const latest = await api.get(`/issues/${issue.id}/events/latest/`);
  assert.equal(latest.extra.payload.length, payload.length);
});

test('a bad key or another project id: rejected, nothing stored', async () => {
  const before = (await api.issues('')).reduce((n, i) => n + Number(i.count), 0);
  const rejectedBefore = await metric(homeport, 'homeport_errors_events_total{result="rejected"}');
  const wrongKey = sentryClient(`http://ffffffffffffffffffffffffffffffff@127.0.0.1:${homeport.ports.errors}/1`);
  wrongKey.scope.captureException(new Error('must not be stored (key)'));
  await wrongKey.client.flush(10000);
  const wrongProject = sentryClient(`http://${homeport.secrets.errors.public_key}@127.0.0.1:${homeport.ports.errors}/77`);
  wrongProject.scope.captureException(new Error('must not be stored (project)'));
  await wrongProject.client.flush(10000);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (await metric(homeport, 'homeport_errors_events_total{result="rejected"}')) < rejectedBefore + 2) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await metric(homeport, 'homeport_errors_events_total{result="rejected"}'), rejectedBefore + 2);
  const issues = await api.issues('');
  assert.equal(issues.reduce((n, i) => n + Number(i.count), 0), before);
  assert.ok(!issues.some((i) => i.title.includes('must not be stored')));
});

test('resolving through the REST API, then a new event: the issue regresses to unresolved', async () => {
  const { client, scope } = sentryClient(dsnOf(homeport));
  const raise = () => { throw new Error('regression probe'); };
  try { raise(); } catch (error) { scope.captureException(error); }
  await client.flush(10000);
  const [issue] = (await api.waitForIssues((list) => list.some((i) => i.title === 'Error: regression probe')))
    .filter((i) => i.title === 'Error: regression probe');
  const resolved = await api.put(`/issues/${issue.id}/`, { status: 'resolved' });
  assert.equal(resolved.status, 200);
  assert.equal(resolved.body.status, 'resolved');
  try { raise(); } catch (error) { scope.captureException(error); }
  await client.flush(10000);
  await api.waitForIssues((list) => list.some((i) => i.id === issue.id && i.count === '2'), 'is:unresolved');
});
