// The real typesense npm client against a real headless Homeport for the parts of overrides that
// tags and filter rules bring (override_tags choosing tagged rules, `{field}` placeholders in a
// rule's filter_by, the validation messages), and for fields with a `locale`, whose Chinese,
// Japanese and Thai text is split into words the way Typesense splits it with ICU.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Typesense from 'typesense';
import { startHomeport } from '../lib/homeport.mjs';

let homeport;
let client;

async function expectError(promise, status, message) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.httpStatus, status, error.message);
    assert.ok(error.message.endsWith(`Server said: ${message}`), error.message);
    return true;
  });
}

const ids = (result) => result.hits.map((h) => h.document.id);

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'errors', 'storage', 'inference'] });
  await homeport.settled();
  client = new Typesense.Client({
    nodes: [{ host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' }],
    apiKey: homeport.secrets.search.api_key,
    connectionTimeoutSeconds: 10,
    numRetries: 0,
    logLevel: 'silent',
  });
  await client.collections().create({
    name: 'shoes',
    fields: [
      { name: 'title', type: 'string' },
      { name: 'brand', type: 'string', facet: true },
      { name: 'price', type: 'int32' },
    ],
  });
  await client.collections('shoes').documents().import([
    { id: '1', title: 'Trail running shoe', brand: 'acme', price: 120 },
    { id: '2', title: 'Road running shoe', brand: 'acme', price: 90 },
    { id: '3', title: 'Running socks', brand: 'bolt', price: 12 },
    { id: '4', title: 'Rain jacket', brand: 'bolt', price: 150 },
    { id: '5', title: 'Acme gift card', brand: 'acme', price: 50 },
  ]);
});

after(async () => {
  await homeport?.stop();
});

const search = (params) => client.collections('shoes').documents().search({ query_by: 'title', sort_by: 'price:asc', ...params });

test('override tags: override_tags runs the rules tagged so, untagged rules run without it', async () => {
  const overrides = client.collections('shoes').overrides();
  await overrides.upsert('campaign', { rule: { tags: ['winter'] }, includes: [{ id: '4', position: 1 }], metadata: { banner: 'winter' } });
  const both = await overrides.upsert('campaign-sale', {
    rule: { tags: ['winter', 'sale'], query: 'running', match: 'contains' },
    includes: [{ id: '5', position: 1 }],
  });
  assert.deepEqual(both.rule.tags, ['winter', 'sale']);
  await overrides.upsert('plain', { rule: { query: 'running', match: 'contains' }, excludes: [{ id: '1' }] });

  // No tags named: only the untagged rule.
  assert.deepEqual(ids(await search({ q: 'running' })), ['3', '2']);
  // One tag: the rules carrying it, in id order; a rule of tags alone applies with its metadata.
  const winter = await search({ q: 'running', override_tags: 'winter' });
  assert.deepEqual(ids(winter), ['4', '3', '2', '1']);
  assert.deepEqual(winter.metadata, { banner: 'winter' });
  // Both tags: the rule tagged with exactly those goes first and stops the run.
  const sale = await search({ q: 'running', override_tags: 'sale,winter' });
  assert.deepEqual(ids(sale), ['5', '3', '2', '1']);
  assert.equal(sale.hits[0].curated, true);
  assert.equal(sale.metadata, undefined);
  // Its query does not match "jacket": the rules sharing a tag are tried instead.
  assert.deepEqual(ids(await search({ q: 'jacket', override_tags: 'sale,winter' })), ['4']);
  assert.deepEqual(ids(await search({ q: 'socks', override_tags: 'sale,winter' })), ['4', '3']);
  // Through multi_search too, per search.
  const multi = await client.multiSearch.perform({
    searches: [
      { collection: 'shoes', q: 'running', query_by: 'title', sort_by: 'price:asc', override_tags: 'sale' },
      { collection: 'shoes', q: 'running', query_by: 'title', sort_by: 'price:asc' },
    ],
  });
  assert.deepEqual(ids(multi.results[0]), ['5', '3', '2', '1']);
  assert.deepEqual(ids(multi.results[1]), ['3', '2']);

  await expectError(overrides.upsert('bad', { rule: { tags: 'winter' }, includes: [] }), 400,
    'The `tags` value must be an array of strings.');
  await expectError(overrides.upsert('bad', { rule: { query: 'x', match: 'exact' }, metadata: ['x'] }), 400,
    'The `metadata` must be a JSON object.');
  for (const id of ['campaign', 'campaign-sale', 'plain']) await client.collections('shoes').overrides(id).delete();
});

test('override rules on filter_by: {field} placeholders take the value the search filters on', async () => {
  await client.collections('shoes').overrides().upsert('brand-sort', {
    rule: { filter_by: 'brand:={brand}', match: 'exact' },
    sort_by: 'price:desc',
    filter_by: 'title:{brand}',
  });
  // brand:=acme holds 1, 2 and 5; the rule keeps the one whose title names the brand, and sorts.
  assert.deepEqual(ids(await search({ q: '*', filter_by: 'brand:=acme' })), ['5']);
  assert.deepEqual(ids(await search({ q: 'running', filter_by: 'brand:=bolt' })), []);
  assert.deepEqual(ids(await search({ q: '*', filter_by: 'brand:[acme]' })), ['5', '2', '1']);
  await client.collections('shoes').overrides('brand-sort').delete();
});

test('locale: Chinese, Japanese and Thai text is split into words in fields with a locale', async () => {
  await client.collections().create({
    name: 'notes',
    fields: [
      { name: 'zh', type: 'string', locale: 'zh' },
      { name: 'ja', type: 'string', locale: 'ja', optional: true },
      { name: 'th', type: 'string', locale: 'th', optional: true },
      { name: 'plain', type: 'string', optional: true },
    ],
  });
  const summary = await client.collections('notes').retrieve();
  assert.equal(summary.fields.find((f) => f.name === 'zh').locale, 'zh');
  await client.collections('notes').documents().import([
    { id: '1', zh: '我喜欢北京的天气', plain: '我喜欢北京的天气', th: 'ภาษาไทยง่ายนิดเดียว' },
    { id: '2', zh: '北京大学的图书馆', ja: '東京タワーに行きました' },
    { id: '3', zh: '上海的天气很好' },
  ]);
  const notes = client.collections('notes').documents();

  const beijing = await notes.search({ q: '北京', query_by: 'zh' });
  assert.deepEqual(ids(beijing).sort(), ['1', '2']);
  const hit = beijing.hits.find((h) => h.document.id === '1');
  assert.equal(hit.highlight.zh.snippet, '我喜欢<mark>北京</mark>的天气');
  assert.deepEqual(hit.highlight.zh.matched_tokens, ['北京']);

  // A query without spaces is split the same way: both words match document 1 best.
  const weather = await notes.search({ q: '北京天气', query_by: 'zh', drop_tokens_threshold: 0 });
  assert.deepEqual(ids(weather), ['1']);
  assert.deepEqual(ids(await notes.search({ q: '天气', query_by: 'zh' })).sort(), ['1', '3']);
  // A phrase is found word after word in the field; an exclusion leaves documents out.
  assert.deepEqual(ids(await notes.search({ q: '"北京大学"', query_by: 'zh' })), ['2']);
  assert.deepEqual(ids(await notes.search({ q: '天气 -上海', query_by: 'zh' })), ['1']);

  // Without a locale the run stays one word, as before: a word inside it is not found.
  assert.equal((await notes.search({ q: '天气', query_by: 'plain' })).found, 0);

  assert.deepEqual(ids(await notes.search({ q: 'ง่าย', query_by: 'th' })), ['1']);
  assert.deepEqual(ids(await notes.search({ q: '東京タワー', query_by: 'ja' })), ['2']);
  assert.deepEqual(ids(await notes.search({ q: '行き', query_by: 'ja' })), ['2']);
});
