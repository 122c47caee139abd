// Gateway keys with the real openai npm client (retries off): a key's request and token limits
// are 429 RateLimitError with OpenAI's x-ratelimit-* headers and nothing goes upstream, an
// exhausted budget is 429 insufficient_quota, a model outside the key's list is NotFoundError,
// a revoked key is AuthenticationError, and every request lands in the usage log (streams with
// and without include_usage alike) and survives a restart, budgets included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { collect, startFakeVllm, startGateway } from './pods.mjs';

let alpha;
let gateway;
const dataDir = mkdtempSync(join(tmpdir(), 'homeport-keys-'));

const chat = (content, extra = {}) => ({ model: 'chat-small', messages: [{ role: 'user', content }], ...extra });
const upstreamChats = async () => (await alpha.stats()).requests['POST /v1/chat/completions'] ?? 0;

before(async () => {
  alpha = await startFakeVllm({ name: 'alpha', models: ['chat-small', 'other-model'] });
  gateway = await startGateway([{ fake: alpha }], { dataDir });
});

after(async () => {
  const { code } = await gateway?.homeport.stop() ?? { code: 0 };
  await alpha?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  assert.equal(code, 0);
});

test('a new key\'s secret is shown once, works at once, and the file keeping it is private', async () => {
  const created = await gateway.admin('POST', '/keys', { name: 'web app', models: [], rpm_limit: 0 });
  assert.match(created.key, /^sk-hp-[0-9a-f]{64}$/);
  assert.equal(created.prefix, created.key.slice(0, 12));
  const answer = await gateway.client(created.key).chat.completions.create(chat('hello with a key'));
  assert.equal(answer.choices[0].message.content, 'alpha heard: hello with a key');
  const listed = await gateway.admin('GET', '/keys');
  assert.equal(listed.data[0].id, 'admin');
  const mine = listed.data.find((k) => k.id === created.id);
  assert.equal(mine.name, 'web app');
  assert.ok(!JSON.stringify(listed).includes(created.key), 'the secret is never listed');
  assert.equal(statSync(join(dataDir, 'inference', 'gateway.sqlite')).mode & 0o777, 0o600);
  // Only the admin key manages keys: OpenAI's 401 for a key without the permission.
  const refused = await fetch(`${gateway.baseURL.replace(/\/v1$/, '')}/admin/keys`, { headers: { Authorization: `Bearer ${created.key}` } });
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).error.code, 'insufficient_permissions');
});

test('over its requests per minute a key gets RateLimitError with OpenAI\'s headers, and nothing goes upstream', async () => {
  const { key } = await gateway.admin('POST', '/keys', { name: 'two a minute', rpm_limit: 2 });
  const client = gateway.client(key);
  const first = await client.chat.completions.create(chat('one')).withResponse();
  assert.equal(first.response.headers.get('x-ratelimit-limit-requests'), '2');
  assert.equal(first.response.headers.get('x-ratelimit-remaining-requests'), '1');
  assert.match(first.response.headers.get('x-ratelimit-reset-requests'), /^\d+(\.\d+)?(ms|s)$/);
  await client.chat.completions.create(chat('two'));
  const upstreamBefore = await upstreamChats();
  const error = await client.chat.completions.create(chat('three')).catch((e) => e);
  assert.ok(error instanceof OpenAI.RateLimitError, String(error));
  assert.equal(error.status, 429);
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.equal(error.type, 'requests');
  assert.match(error.message, /Limit 2, Used 2/);
  assert.equal(error.headers.get('x-ratelimit-remaining-requests'), '0');
  const retryAfter = Number(error.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  assert.equal(await upstreamChats(), upstreamBefore);
});

test('over its tokens per minute a key gets RateLimitError of type tokens', async () => {
  const { key } = await gateway.admin('POST', '/keys', { name: 'few tokens', tpm_limit: 10 });
  const client = gateway.client(key);
  // 4 prompt + 6 completion tokens: the minute's 10 are used.
  const answer = await client.chat.completions.create(chat('use the tokens up'));
  assert.equal(answer.usage.total_tokens, 10);
  const error = await client.chat.completions.create(chat('more')).catch((e) => e);
  assert.ok(error instanceof OpenAI.RateLimitError, String(error));
  assert.equal(error.type, 'tokens');
  assert.equal(error.headers.get('x-ratelimit-limit-tokens'), '10');
  assert.equal(error.headers.get('x-ratelimit-remaining-tokens'), '0');
  assert.ok(error.headers.get('retry-after'));
});

test('an exhausted token budget is 429 insufficient_quota, and a bigger budget lets the key in again', async () => {
  const created = await gateway.admin('POST', '/keys', { name: 'small budget', token_budget: 12 });
  const client = gateway.client(created.key);
  await client.chat.completions.create(chat('spend it all now please')); // 5 + 7 tokens
  const error = await client.chat.completions.create(chat('once more')).catch((e) => e);
  assert.ok(error instanceof OpenAI.RateLimitError, String(error));
  assert.equal(error.status, 429);
  assert.equal(error.code, 'insufficient_quota');
  assert.equal(error.type, 'insufficient_quota');
  const info = await gateway.admin('GET', `/keys/${created.id}`);
  assert.equal(info.usage.spent_tokens, 12);
  assert.equal(info.usage.budget_remaining, 0);
  await gateway.admin('PATCH', `/keys/${created.id}`, { token_budget: 100 });
  await client.chat.completions.create(chat('back in'));
});

test('a model outside the key\'s list is NotFoundError and is not listed for it', async () => {
  const { key } = await gateway.admin('POST', '/keys', { name: 'chat only', models: ['chat-small'] });
  const client = gateway.client(key);
  const upstreamBefore = (await alpha.stats()).requests['POST /v1/completions'] ?? 0;
  const error = await client.completions.create({ model: 'other-model', prompt: 'hi' }).catch((e) => e);
  assert.ok(error instanceof OpenAI.NotFoundError, String(error));
  assert.equal(error.code, 'model_not_found');
  assert.match(error.message, /does not exist or you do not have access to it/);
  assert.equal((await alpha.stats()).requests['POST /v1/completions'] ?? 0, upstreamBefore);
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.deepEqual(ids, ['chat-small']);
  await assert.rejects(client.models.retrieve('other-model'), OpenAI.NotFoundError);
  await client.chat.completions.create(chat('allowed'));
});

test('a revoked key is AuthenticationError at once', async () => {
  const created = await gateway.admin('POST', '/keys', { name: 'to revoke' });
  const client = gateway.client(created.key);
  await client.chat.completions.create(chat('before'));
  const revoked = await gateway.admin('DELETE', `/keys/${created.id}`);
  assert.ok(revoked.revoked > 0);
  const upstreamBefore = await upstreamChats();
  const error = await client.chat.completions.create(chat('after')).catch((e) => e);
  assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
  assert.equal(error.code, 'invalid_api_key');
  assert.equal(await upstreamChats(), upstreamBefore);
});

test('streams are in the usage log with their tokens, with and without include_usage', async () => {
  const created = await gateway.admin('POST', '/keys', { name: 'streamer' });
  const client = gateway.client(created.key);
  const withUsage = await collect(await client.chat.completions.create(chat('count me in', { stream: true, stream_options: { include_usage: true } })));
  const withoutUsage = await collect(await client.chat.completions.create(chat('quietly count me', { stream: true })));
  assert.ok(withoutUsage.every((c) => !('usage' in c)));
  const expected = withUsage.at(-1).usage; // the fake's counts for either (3 prompt words each)
  const log = await gateway.admin('GET', `/requests?key=${created.id}`);
  assert.equal(log.data.length, 2);
  for (const entry of log.data) {
    assert.equal(entry.model, 'chat-small');
    assert.equal(entry.pod, 'alpha');
    assert.equal(entry.status, 200);
    assert.equal(entry.stream, true);
    assert.equal(entry.endpoint, '/v1/chat/completions');
    assert.equal(entry.prompt_tokens, expected.prompt_tokens);
    assert.equal(entry.completion_tokens, expected.completion_tokens);
    assert.ok(entry.first_token_ms !== null && entry.first_token_ms <= entry.latency_ms);
  }
  const info = await gateway.admin('GET', `/keys/${created.id}`);
  assert.equal(info.usage.spent_tokens, 2 * expected.total_tokens);
  assert.equal(info.usage.requests_last_minute, 2);
});

test('after a restart keys, budgets, the last minute\'s requests and the log are still there', async () => {
  const budget = await gateway.admin('POST', '/keys', { name: 'budget across restarts', token_budget: 10 });
  const limited = await gateway.admin('POST', '/keys', { name: 'rpm across restarts', rpm_limit: 1 });
  await gateway.client(budget.key).chat.completions.create(chat('spend ten tokens now'));
  await gateway.client(limited.key).chat.completions.create(chat('the one request'));
  const logBefore = await gateway.admin('GET', '/requests?limit=1000');
  await gateway.homeport.stop();
  gateway = await startGateway([{ fake: alpha }], { dataDir });

  const quota = await gateway.client(budget.key).chat.completions.create(chat('again')).catch((e) => e);
  assert.ok(quota instanceof OpenAI.RateLimitError, String(quota));
  assert.equal(quota.code, 'insufficient_quota');
  const rate = await gateway.client(limited.key).chat.completions.create(chat('again')).catch((e) => e);
  assert.ok(rate instanceof OpenAI.RateLimitError, String(rate));
  assert.equal(rate.code, 'rate_limit_exceeded');
  const logAfter = await gateway.admin('GET', '/requests?limit=1000');
  // The two refusals above are logged too (status 429, no pod).
  assert.deepEqual(logAfter.data.slice(2), logBefore.data);
  assert.deepEqual(logAfter.data.slice(0, 2).map((e) => [e.status, e.pod]), [[429, null], [429, null]]);
});
