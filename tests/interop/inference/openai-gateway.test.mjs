// The real openai npm client through Homeport's inference gateway to two fake vLLM pods: answers
// identical to the pod's own, streams chunk for chunk, the model list is the union, the gateway
// key is checked before anything goes upstream, and usage is counted per pod and model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { collect, startFakeVllm, startGateway } from './pods.mjs';

let alpha;
let beta;
let gateway;

before(async () => {
  alpha = await startFakeVllm({ name: 'alpha', models: ['chat-small', 'shared-model'], apiKey: 'pod-key-alpha' });
  beta = await startFakeVllm({ name: 'beta', models: ['embed-small', 'shared-model'] });
  gateway = await startGateway([{ fake: alpha }, { fake: beta }]);
});

after(async () => {
  const { code } = await gateway?.homeport.stop() ?? { code: 0 };
  await alpha?.stop();
  await beta?.stop();
  assert.equal(code, 0);
});

test('the model list is the union of the pods\' models, each once', async () => {
  const ids = [];
  for await (const model of gateway.client().models.list()) ids.push(model.id);
  assert.deepEqual(ids.sort(), ['chat-small', 'embed-small', 'shared-model']);
  const one = await gateway.client().models.retrieve('embed-small');
  assert.equal(one.owned_by, 'vllm');
  await assert.rejects(gateway.client().models.retrieve('no-such-model'), OpenAI.NotFoundError);
});

test('a chat completion is the pod\'s own answer', async () => {
  const request = { model: 'chat-small', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello there pod' }] };
  const direct = await alpha.client().chat.completions.create(request);
  const through = await gateway.client().chat.completions.create(request);
  assert.deepEqual(through, direct);
  assert.equal(through.choices[0].message.content, 'alpha heard: hello there pod');
});

test('a streamed chat completion arrives chunk for chunk as the pod sent it, usage included', async () => {
  const request = { model: 'chat-small', messages: [{ role: 'user', content: 'stream me five words' }], stream: true,
    stream_options: { include_usage: true } };
  const direct = await collect(await alpha.client().chat.completions.create(request));
  const through = await collect(await gateway.client().chat.completions.create(request));
  assert.deepEqual(through, direct);
  assert.equal(through.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'alpha heard: stream me five words');
  assert.deepEqual(through.at(-1).usage, { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10, prompt_tokens_details: null });
});

test('completions, streamed and not, match the pod', async () => {
  const request = { model: 'shared-model', prompt: 'once upon a time' };
  // shared-model is on both pods: compare with whichever pod answered.
  const { data: through, response } = await gateway.client().completions.create(request).withResponse();
  const pod = response.headers.get('x-homeport-pod') === 'alpha' ? alpha : beta;
  assert.deepEqual(through, await pod.client().completions.create(request));

  const streamed = await collect(await gateway.client().completions.create({ ...request, stream: true }));
  assert.match(streamed.map((c) => c.choices[0].text).join(''), /^(alpha|beta) continues: once upon a time$/);
});

test('embeddings (the client\'s default base64 and floats) match the pod', async () => {
  const request = { model: 'embed-small', input: ['first text', 'second text'] };
  const through = await gateway.client().embeddings.create(request);
  assert.deepEqual(through, await beta.client().embeddings.create(request));
  assert.equal(through.data.length, 2);
  assert.equal(through.data[0].embedding.length, 8);
  const floats = await gateway.client().embeddings.create({ ...request, encoding_format: 'float' });
  assert.deepEqual(floats, await beta.client().embeddings.create({ ...request, encoding_format: 'float' }));
});

test('a wrong or missing gateway key is AuthenticationError and nothing goes upstream', async () => {
  const before = (await alpha.stats()).requests['POST /v1/chat/completions'] ?? 0;
  const request = { model: 'chat-small', messages: [{ role: 'user', content: 'hi' }] };
  const error = await gateway.client('sk-wrong').chat.completions.create(request).catch((e) => e);
  assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
  assert.equal(error.status, 401);
  assert.equal(error.code, 'invalid_api_key');
  assert.equal(error.type, 'invalid_request_error');
  const bare = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', body: JSON.stringify(request) });
  assert.equal(bare.status, 401);
  assert.deepEqual(Object.keys((await bare.json()).error).sort(), ['code', 'message', 'param', 'type']);
  // The pod's upstream key (pods.json) is never the client's: with the pod's key the gateway refuses too.
  await assert.rejects(gateway.client('pod-key-alpha').models.list(), OpenAI.AuthenticationError);
  assert.equal((await alpha.stats()).requests['POST /v1/chat/completions'] ?? 0, before);
  // /health is open.
  assert.equal((await fetch(`${gateway.baseURL.replace(/\/v1$/, '')}/health`)).status, 200);
});

test('an unknown model is NotFoundError; the pod\'s 4xx errors come back in OpenAI\'s shape', async () => {
  const missing = await gateway.client().chat.completions.create({ model: 'gpt-nothing', messages: [] }).catch((e) => e);
  assert.ok(missing instanceof OpenAI.NotFoundError, String(missing));
  assert.equal(missing.code, 'model_not_found');
  await beta.configure({ failStatus: 400, failTimes: 1 });
  const bad = await gateway.client().embeddings.create({ model: 'embed-small', input: 'x' }).catch((e) => e);
  assert.ok(bad instanceof OpenAI.BadRequestError, String(bad));
  assert.equal(bad.message, '400 beta is failing on purpose');
});

test('usage is counted per pod and model in the admin metrics', async () => {
  const before = await gateway.metrics();
  const count = (text, name) => Number(text.match(new RegExp(`^homeport_inference_${name}_total\\{pod="alpha",model="chat-small"\\} (\\d+)$`, 'm'))?.[1] ?? 0);
  const plain = await gateway.client().chat.completions.create({ model: 'chat-small', messages: [{ role: 'user', content: 'count these three' }] });
  const streamed = await collect(await gateway.client().chat.completions.create({
    model: 'chat-small', messages: [{ role: 'user', content: 'and these' }], stream: true, stream_options: { include_usage: true } }));
  const usage = streamed.at(-1).usage;
  // A stream without include_usage: the client gets exactly the pod's chunks for that request,
  // and the gateway still counts its usage (it asks the pod for it and keeps it to itself).
  const quiet = { model: 'chat-small', messages: [{ role: 'user', content: 'no usage asked' }], stream: true };
  const quietThrough = await collect(await gateway.client().chat.completions.create(quiet));
  assert.deepEqual(quietThrough, await collect(await alpha.client().chat.completions.create(quiet)));
  assert.ok(quietThrough.every((c) => !('usage' in c) && c.choices.length === 1));
  const quietUsage = (await collect(await alpha.client().chat.completions.create({ ...quiet, stream_options: { include_usage: true } }))).at(-1).usage;
  const after = await gateway.metrics();
  assert.equal(count(after, 'prompt_tokens') - count(before, 'prompt_tokens'), plain.usage.prompt_tokens + usage.prompt_tokens + quietUsage.prompt_tokens);
  assert.equal(count(after, 'completion_tokens') - count(before, 'completion_tokens'),
    plain.usage.completion_tokens + usage.completion_tokens + quietUsage.completion_tokens);
  assert.match(after, /^homeport_inference_pod_up\{pod="alpha"\} 1$/m);
});

test('a pod whose /health fails leaves the model list until it is healthy again', async () => {
  const listed = async () => {
    const ids = [];
    for await (const model of gateway.client().models.list()) ids.push(model.id);
    return ids.sort();
  };
  const waitForList = async (expected) => {
    const deadline = Date.now() + 10000;
    let ids = await listed();
    while (JSON.stringify(ids) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      ids = await listed();
    }
    assert.deepEqual(ids, expected);
  };
  await beta.configure({ healthy: false });
  await waitForList(['chat-small', 'shared-model']);
  // Its only-served model is now unavailable; shared-model still goes to alpha.
  const error = await gateway.client().embeddings.create({ model: 'embed-small', input: 'x' }).catch((e) => e);
  assert.ok(error instanceof OpenAI.InternalServerError, String(error));
  assert.equal(error.status, 503);
  assert.equal(error.code, 'no_healthy_pod');
  const { response } = await gateway.client().completions.create({ model: 'shared-model', prompt: 'hi' }).withResponse();
  assert.equal(response.headers.get('x-homeport-pod'), 'alpha');
  await beta.configure({ healthy: true });
  await waitForList(['chat-small', 'embed-small', 'shared-model']);
});
