// Failover and failures through the gateway with the real openai client: a pod that is down or
// answers 503 before the first byte is skipped, a pod dying mid-stream surfaces as an error, and
// a client that aborts a stream makes the gateway close the pod's request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { collect, startFakeVllm, startGateway } from './pods.mjs';

async function withPods(body, { healthIntervalMs = 200 } = {}) {
  // The preferred pod (weight 100) gets every request first while it is listed as healthy.
  const preferred = await startFakeVllm({ name: 'preferred', models: ['m'] });
  const spare = await startFakeVllm({ name: 'spare', models: ['m'] });
  const gateway = await startGateway([{ fake: preferred, weight: 100 }, { fake: spare, weight: 1 }], { healthIntervalMs });
  try {
    await body({ preferred, spare, gateway });
  } finally {
    const { code } = await gateway.homeport.stop();
    await preferred.stop();
    await spare.stop();
    assert.equal(code, 0, gateway.homeport.log());
  }
}

const ask = { model: 'm', messages: [{ role: 'user', content: 'who answers' }] };

test('a pod that answers 503 before any byte is skipped for another pod', async () => {
  // Health checks only at the start: a check that is slow on a loaded machine must not take the
  // preferred pod out of the rotation and turn the failovers counted below into skips.
  await withPods(async ({ preferred, spare, gateway }) => {
    const healthy = await gateway.client().chat.completions.create(ask);
    assert.equal(healthy.choices[0].message.content, 'preferred heard: who answers');

    await preferred.configure({ failStatus: 503 });
    const answer = await gateway.client().chat.completions.create(ask);
    assert.equal(answer.choices[0].message.content, 'spare heard: who answers');
    const streamed = await collect(await gateway.client().chat.completions.create({ ...ask, stream: true }));
    assert.equal(streamed.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'spare heard: who answers');
    // The preferred pod was asked (and refused) each time: that is failover, not a health skip.
    assert.equal((await preferred.stats()).requests['POST /v1/chat/completions'], 3);
    assert.match(await gateway.metrics(), /^homeport_inference_failovers_total\{pod="preferred"\} 2$/m);

    // With every pod failing, the client gets the pod's error in OpenAI's shape.
    await spare.configure({ failStatus: 503 });
    const error = await gateway.client().chat.completions.create(ask).catch((e) => e);
    assert.ok(error instanceof OpenAI.InternalServerError, String(error));
    assert.equal(error.status, 503);
    assert.match(error.message, /is failing on purpose/);
  }, { healthIntervalMs: 60000 });
});

test('a pod that is down is skipped for another pod', async () => {
  // Health checks rarely, so the gateway still believes the killed pod is up and must fail over.
  await withPods(async ({ preferred, spare, gateway }) => {
    await preferred.kill();
    for (let i = 0; i < 3; i += 1) {
      const answer = await gateway.client().chat.completions.create(ask);
      assert.equal(answer.choices[0].message.content, 'spare heard: who answers');
    }
    assert.equal((await spare.stats()).requests['POST /v1/chat/completions'], 3);
    assert.match(await gateway.metrics(), /^homeport_inference_pod_up\{pod="preferred"\} 0$/m);
  }, { healthIntervalMs: 60000 });
});

test('a pod dying mid-stream surfaces as an error after the chunks already sent', async () => {
  await withPods(async ({ preferred, gateway }) => {
    await preferred.configure({ breakAfterChunks: 3 });
    const stream = await gateway.client().chat.completions.create({ ...ask, stream: true });
    const received = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0].delta.content);
    })().catch((e) => e);
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.match(error.message, /pod preferred failed during the stream/);
    assert.deepEqual(received, ['', 'preferred', ' heard:']);
  });
});

test('aborting a stream after three chunks closes the pod\'s request', async () => {
  await withPods(async ({ preferred, gateway }) => {
    // 60 words at 200 ms each: the pod would finish after 12 s, so the cancellation has ample time
    // to reach it even on a loaded machine (the test ends as soon as it does).
    await preferred.configure({ chunkDelayMs: 200 });
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const stream = await gateway.client().chat.completions.create({
      model: 'm', stream: true, messages: [{ role: 'user', content: long }] });
    let chunks = 0;
    for await (const chunk of stream) {
      assert.ok(chunk.choices[0]);
      chunks += 1;
      if (chunks === 3) stream.controller.abort();
    }
    assert.equal(chunks, 3);
    const deadline = Date.now() + 20000;
    let stats;
    do {
      stats = await preferred.stats();
      if (stats.aborted === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    } while (Date.now() < deadline);
    assert.equal(stats.aborted, 1);
    assert.equal(stats.completed, 0);
  });
});

test('without pods the gateway says where to list them', async () => {
  const gateway = await startGateway([]);
  try {
    const error = await gateway.client().chat.completions.create(ask).catch((e) => e);
    assert.ok(error instanceof OpenAI.InternalServerError, String(error));
    assert.equal(error.status, 503);
    assert.equal(error.code, 'no_pods_configured');
    assert.match(error.message, /pods\.json/);
    assert.deepEqual((await gateway.client().models.list()).data, []);
  } finally {
    assert.equal((await gateway.homeport.stop()).code, 0);
  }
});
