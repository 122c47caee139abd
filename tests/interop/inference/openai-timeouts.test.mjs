// The gateway's time limits with the real openai client: a pod that sends nothing within
// first_token_timeout_ms is left for another pod; when every pod is that slow the client gets
// 504 with code "timeout" (and is told not to retry what the gateway already tried); the
// total_timeout_ms limit ends a request before its first byte with 504 and mid-stream with an
// error event, never switching to another pod; upstream_timeout_ms (silence) does the same. The limits are small here; the pods' delays are
// far longer, so only "the limit fired" is asserted, never how long anything took.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { collect, startFakeVllm, startGateway } from './pods.mjs';

// The spare pod answers in about a millisecond; the margin is for a machine busy with other work.
const FIRST_TOKEN_MS = 2000;
const TOTAL_MS = 4000;
const SLOW_MS = 30000; // far past either limit: the pod would answer only after the test

const ask = { model: 'm', messages: [{ role: 'user', content: 'who answers' }] };
// 40 words: at 400 ms between events the pod would take 16 s, far past TOTAL_MS.
const longAsk = { model: 'm', stream: true, messages: [{ role: 'user', content: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') }] };

// limits: { firstTokenMs, totalMs, inactivityMs } as the [inference] settings take them.
async function withPods(body, limits) {
  // The preferred pod (weight 100) gets every request first while it is listed as healthy.
  const preferred = await startFakeVllm({ name: 'preferred', models: ['m'] });
  const spare = await startFakeVllm({ name: 'spare', models: ['m'] });
  const gateway = await startGateway([{ fake: preferred, weight: 100 }, { fake: spare, weight: 1 }], {
    extraEnv: {
      HOMEPORT_INFERENCE_FIRST_TOKEN_TIMEOUT_MS: String(limits.firstTokenMs),
      HOMEPORT_INFERENCE_TOTAL_TIMEOUT_MS: String(limits.totalMs),
      ...(limits.inactivityMs ? { HOMEPORT_INFERENCE_UPSTREAM_TIMEOUT_MS: String(limits.inactivityMs) } : {}),
    },
  });
  try {
    await body({ preferred, spare, gateway });
  } finally {
    const { code } = await gateway.homeport.stop();
    await preferred.stop();
    await spare.stop();
    assert.equal(code, 0, gateway.homeport.log());
  }
}

async function waitFor(what, condition, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The pod's own count of requests whose client went away before the answer was complete.
const abortedAt = (pod, n) => waitFor(`${pod.name} to see ${n} aborted request(s)`, async () => (await pod.stats()).aborted === n);
// Health checks (every 200 ms here) bring a pod the gateway skipped back.
const upAgain = (gateway, pod) => waitFor(`${pod.name} to be up again`,
  async () => new RegExp(`^homeport_inference_pod_up\\{pod="${pod.name}"\\} 1$`, 'm').test(await gateway.metrics()));
const lastRequest = async (gateway) => (await gateway.admin('GET', '/requests?limit=1')).data[0];
const chatRequests = async (pod) => (await pod.stats()).requests['POST /v1/chat/completions'] ?? 0;

test('a pod that sends nothing within first_token_timeout_ms is left for another pod', async () => {
  await withPods(async ({ preferred, spare, gateway }) => {
    // A pod that holds its whole answer (head included), as a proxy in front of a busy pod does.
    await preferred.configure({ firstByteDelayMs: SLOW_MS });
    const answer = await gateway.client().chat.completions.create(ask);
    assert.equal(answer.choices[0].message.content, 'spare heard: who answers');
    await abortedAt(preferred, 1); // the gateway hung up on the slow pod
    assert.match(await gateway.metrics(), /^homeport_inference_timeouts_total\{pod="preferred",limit="first_token"\} 1$/m);
    assert.match(await gateway.metrics(), /^homeport_inference_failovers_total\{pod="preferred"\} 1$/m);
    assert.ok(gateway.homeport.log().includes(
      `pod preferred: no first byte of the answer within ${FIRST_TOKEN_MS} ms (first_token_timeout_ms); trying the next pod`), gateway.homeport.log());
    const logged = await lastRequest(gateway);
    assert.equal(logged.pod, 'spare');
    assert.equal(logged.status, 200);

    // A stream whose head came at once but whose first event does not: nothing reached the
    // client yet, so the stream still moves to the other pod, whole.
    await preferred.configure({ firstByteDelayMs: 0, firstTokenDelayMs: SLOW_MS });
    await upAgain(gateway, preferred);
    const streamed = await collect(await gateway.client().chat.completions.create({ ...ask, stream: true }));
    assert.equal(streamed.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'spare heard: who answers');
    assert.equal(await chatRequests(preferred), 2);
    await abortedAt(preferred, 2);
    assert.match(await gateway.metrics(), /^homeport_inference_timeouts_total\{pod="preferred",limit="first_token"\} 2$/m);
    assert.equal((await lastRequest(gateway)).pod, 'spare');
  }, { firstTokenMs: FIRST_TOKEN_MS, totalMs: 0 });
});

test('when every pod is too slow the client gets 504 timeout, once', async () => {
  await withPods(async ({ preferred, spare, gateway }) => {
    await preferred.configure({ firstByteDelayMs: SLOW_MS });
    await spare.configure({ firstByteDelayMs: SLOW_MS });
    const error = await gateway.client().chat.completions.create(ask).catch((e) => e);
    assert.ok(error instanceof OpenAI.InternalServerError, String(error));
    assert.equal(error.status, 504);
    assert.equal(error.code, 'timeout');
    assert.equal(error.type, 'server_error');
    assert.equal(error.param, null);
    assert.match(error.message, /no pod serving model 'm' answered in time/);
    assert.equal(error.headers.get('x-should-retry'), 'false');
    assert.equal(await chatRequests(preferred), 1);
    assert.equal(await chatRequests(spare), 1);
    const logged = await lastRequest(gateway);
    assert.equal(logged.status, 504);
    assert.equal(logged.pod, 'spare');

    // A client with the SDK's default retries (2) obeys x-should-retry: one request, one 504,
    // rather than waiting out both pods three times.
    // This time the spare pod sends its head at once but no event.
    await spare.configure({ firstByteDelayMs: 0, firstTokenDelayMs: SLOW_MS });
    await upAgain(gateway, preferred);
    await upAgain(gateway, spare);
    const before = (await gateway.admin('GET', '/requests?limit=1000')).data.length;
    const retrying = new OpenAI({ baseURL: gateway.baseURL, apiKey: gateway.gatewayKey });
    const streamError = await retrying.chat.completions.create({ ...ask, stream: true }).catch((e) => e);
    assert.ok(streamError instanceof OpenAI.APIError, String(streamError));
    assert.equal(streamError.status, 504);
    assert.equal(streamError.code, 'timeout');
    const after = (await gateway.admin('GET', '/requests?limit=1000')).data;
    assert.equal(after.length, before + 1);
    assert.equal(after[0].status, 504);
    assert.equal(await chatRequests(preferred), 2);
    assert.equal(await chatRequests(spare), 2);
  }, { firstTokenMs: FIRST_TOKEN_MS, totalMs: 0 });
});

test('total_timeout_ms ends a request: 504 before the first byte, an error event mid-stream, no splicing', async () => {
  await withPods(async ({ preferred, spare, gateway }) => {
    // Before any byte (no first-token limit here): 504, and no other pod is tried.
    await preferred.configure({ firstByteDelayMs: SLOW_MS });
    const error = await gateway.client().chat.completions.create(ask).catch((e) => e);
    assert.ok(error instanceof OpenAI.InternalServerError, String(error));
    assert.equal(error.status, 504);
    assert.equal(error.code, 'timeout');
    assert.match(error.message, /longer than the gateway's limit of 4000 ms \(total_timeout_ms\); pod preferred was answering/);
    await abortedAt(preferred, 1);
    assert.equal(await chatRequests(spare), 0);
    assert.equal((await lastRequest(gateway)).status, 504);

    // Mid-stream: the events sent so far arrive, then the SDK raises the error event.
    await preferred.configure({ firstByteDelayMs: 0, chunkDelayMs: 400 });
    const stream = await gateway.client().chat.completions.create(longAsk);
    const received = [];
    const midStream = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0].delta.content);
    })().catch((e) => e);
    assert.ok(midStream instanceof OpenAI.APIError, String(midStream));
    assert.match(midStream.message, /longer than the gateway's limit of 4000 ms \(total_timeout_ms\); pod preferred was answering/);
    assert.ok(received.length >= 1, 'some events came before the limit');
    // Every event is the preferred pod's, in order: a prefix of its answer, nothing from spare.
    const full = ['', 'preferred', ' heard:', ...longAsk.messages[0].content.split(' ').map((w) => ` ${w}`)];
    assert.deepEqual(received, full.slice(0, received.length));
    assert.ok(received.length < full.length, 'the stream was cut');
    await abortedAt(preferred, 2);
    assert.equal(await chatRequests(spare), 0);
    const logged = await lastRequest(gateway);
    assert.equal(logged.status, 504);
    assert.equal(logged.pod, 'preferred');
    assert.match(await gateway.metrics(), /^homeport_inference_timeouts_total\{pod="preferred",limit="total"\} 2$/m);
  }, { firstTokenMs: 0, totalMs: TOTAL_MS });
});

test('upstream_timeout_ms: a pod falling silent mid-stream ends the stream with a timeout error', async () => {
  await withPods(async ({ preferred, spare, gateway }) => {
    // The first event, then nothing: the stream ends with the error after what was sent.
    await preferred.configure({ chunkDelayMs: SLOW_MS });
    const stream = await gateway.client().chat.completions.create({ ...ask, stream: true });
    const received = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0].delta.content);
    })().catch((e) => e);
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.match(error.message, /pod preferred failed during the stream: no data for 1000 ms \(upstream_timeout_ms\)/);
    assert.deepEqual(received, ['']);
    await abortedAt(preferred, 1);
    assert.equal(await chatRequests(spare), 0);
    const logged = await lastRequest(gateway);
    assert.equal(logged.status, 504);
    assert.equal(logged.pod, 'preferred');
    assert.match(await gateway.metrics(), /^homeport_inference_timeouts_total\{pod="preferred",limit="inactivity"\} 1$/m);

    // Before the first byte (no first-token limit here) silence is a failed attempt like any other;
    // with every pod silent the client gets 504 timeout.
    await preferred.configure({ chunkDelayMs: 0, firstByteDelayMs: SLOW_MS });
    await spare.configure({ firstByteDelayMs: SLOW_MS });
    const silent = await gateway.client().chat.completions.create(ask).catch((e) => e);
    assert.ok(silent instanceof OpenAI.InternalServerError, String(silent));
    assert.equal(silent.status, 504);
    assert.equal(silent.code, 'timeout');
    assert.match(silent.message, /no pod serving model 'm' answered in time: pod spare: no data for 1000 ms/);
    assert.equal(await chatRequests(spare), 1);
  }, { firstTokenMs: 0, totalMs: 0, inactivityMs: 1000 });
});
