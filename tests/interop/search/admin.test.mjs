// The real typesense npm client against a real headless Homeport for the service-level
// resources: API keys (create, list, retrieve, delete; actions and collections enforced), scoped
// search keys made with the client's own keys().generateScopedSearchKey() (also inside
// typesense-instantsearch-adapter), aliases, presets, stopwords, overrides, and /stats.json and
// /metrics.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Typesense from 'typesense';
import { typesenseClient } from './typesense-client.mjs';
import adapterModule from 'typesense-instantsearch-adapter';
import { startHomeport } from '../lib/homeport.mjs';

// The package is CommonJS with `exports.default` (Babel output).
const TypesenseInstantSearchAdapter = adapterModule.default ?? adapterModule;

let homeport;
let client;

function makeClient(apiKey = homeport.secrets.search.api_key) {
  return typesenseClient(homeport, { apiKey });
}

const FORBIDDEN = 'Forbidden - a valid `x-typesense-api-key` header must be sent.';

async function expectError(promise, status, message) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.httpStatus, status, error.message);
    assert.ok(error.message.endsWith(`Server said: ${message}`), error.message);
    return true;
  });
}

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'errors', 'storage', 'inference'] });
  await homeport.settled();
  client = makeClient();
  for (const name of ['products', 'products_archive', 'staff']) {
    await client.collections().create({
      name,
      fields: [
        { name: 'title', type: 'string' },
        { name: 'brand', type: 'string', facet: true },
        { name: 'tenant', type: 'string', facet: true },
        { name: 'price', type: 'float' },
      ],
    });
  }
  await client.collections('products').documents().import([
    { id: '1', title: 'Trail running shoe', brand: 'Acme', tenant: 'north', price: 120 },
    { id: '2', title: 'Road running shoe', brand: 'Acme', tenant: 'south', price: 90 },
    { id: '3', title: 'Running socks', brand: 'Bolt', tenant: 'north', price: 12 },
    { id: '4', title: 'Rain jacket', brand: 'Bolt', tenant: 'north', price: 150 },
  ]);
});

after(async () => {
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('keys: create shows the value once, list and retrieve show its prefix, delete', async () => {
  const created = await client.keys().create({
    description: 'Search-only key', actions: ['documents:search'], collections: ['products'],
  });
  assert.equal(created.value.length, 32);
  assert.deepEqual(created.actions, ['documents:search']);
  assert.deepEqual(created.collections, ['products']);
  assert.equal(created.expires_at, 64723363199);

  const own = await client.keys().create({
    description: 'Caller value', actions: ['*'], collections: ['*'], value: 'caller-chosen-value-1',
  });
  assert.equal(own.value, 'caller-chosen-value-1');

  const { keys } = await client.keys().retrieve();
  const listed = keys.find((k) => k.id === created.id);
  assert.equal(listed.value_prefix, created.value.slice(0, 4));
  assert.equal(listed.value, undefined);
  const one = await client.keys(created.id).retrieve();
  assert.equal(one.description, 'Search-only key');
  assert.equal(one.value, undefined);

  await expectError(client.keys().create({ description: 'x', collections: ['*'] }), 400, 'Could not find a `actions` key.');
  await expectError(client.keys().create({ description: 'x', actions: ['*'], collections: ['*'], value: 'caller-chosen-value-1' }),
    409, 'API key generation conflict.');
  await expectError(client.keys(424242).retrieve(), 404, 'Not found.');

  assert.deepEqual(await client.keys(own.id).delete(), { id: own.id });
  await expectError(makeClient('caller-chosen-value-1').collections().retrieve(), 401, FORBIDDEN);
});

test('keys: actions and collections are enforced on every route', async () => {
  const { value: searchKey } = await client.keys().create({
    description: 'search products', actions: ['documents:search'], collections: ['products.*'],
  });
  const searcher = makeClient(searchKey);
  const found = await searcher.collections('products').documents().search({ q: 'running', query_by: 'title' });
  assert.equal(found.found, 3);
  await searcher.collections('products_archive').documents().search({ q: '*' });
  await expectError(searcher.collections('staff').documents().search({ q: '*' }), 401, FORBIDDEN);
  await expectError(searcher.collections('products').documents('1').retrieve(), 401, FORBIDDEN);
  await expectError(searcher.collections('products').documents().create({ id: '9', title: 'x', brand: 'x', tenant: 'x', price: 1 }), 401, FORBIDDEN);
  await expectError(searcher.keys().retrieve(), 401, FORBIDDEN);
  const multi = await searcher.multiSearch.perform({ searches: [{ collection: 'products', q: 'shoe', query_by: 'title' }] });
  assert.equal(multi.results[0].found, 2);

  const { value: writerKey } = await client.keys().create({
    description: 'write products', actions: ['documents:*', 'collections:get'], collections: ['products'],
  });
  const writer = makeClient(writerKey);
  await writer.collections('products').documents().upsert({ id: '5', title: 'Wool hat', brand: 'Bolt', tenant: 'south', price: 20 });
  assert.equal((await writer.collections('products').retrieve()).num_documents, 5);
  await writer.collections('products').documents('5').delete();
  await expectError(writer.collections('products').delete(), 401, FORBIDDEN);
  await expectError(writer.collections().create({ name: 'sneaky', fields: [{ name: 'a', type: 'string' }] }), 401, FORBIDDEN);

  const { value: expiredKey } = await client.keys().create({
    description: 'expired', actions: ['*'], collections: ['*'], expires_at: Math.floor(Date.now() / 1000) - 60,
  });
  await expectError(makeClient(expiredKey).collections().retrieve(), 401, FORBIDDEN);
});

test('scoped search keys from generateScopedSearchKey: embedded filter, overrides, expiry', async () => {
  const parent = await client.keys().create({
    description: 'scoped parent', actions: ['documents:search'], collections: ['products'],
  });
  const scopedKey = client.keys().generateScopedSearchKey(parent.value, { filter_by: 'tenant:=north', per_page: 2 });
  const scoped = makeClient(scopedKey);

  const all = await scoped.collections('products').documents().search({ q: '*', per_page: 10 });
  assert.equal(all.found, 3);
  assert.equal(all.hits.length, 2);
  assert.ok(all.hits.every((h) => h.document.tenant === 'north'));
  const merged = await scoped.collections('products').documents().search({ q: 'running', query_by: 'title', filter_by: 'brand:=Acme' });
  assert.deepEqual(merged.hits.map((h) => h.document.id), ['1']);
  await expectError(scoped.collections('products').documents('2').retrieve(), 401, FORBIDDEN);
  await expectError(scoped.collections('staff').documents().search({ q: '*' }), 401, FORBIDDEN);

  // The search-only client sends the key as a query parameter.
  const searchClient = new Typesense.SearchClient({
    nodes: [{ host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' }],
    apiKey: scopedKey, connectionTimeoutSeconds: 10, numRetries: 0, logLevel: 'silent', cacheSearchResultsForSeconds: 0,
  });
  const viaQuery = await searchClient.collections('products').documents().search({ q: 'shoe', query_by: 'title' });
  assert.deepEqual(viaQuery.hits.map((h) => h.document.id), ['1']);

  const expired = client.keys().generateScopedSearchKey(parent.value, { expires_at: Math.floor(Date.now() / 1000) - 5 });
  await expectError(makeClient(expired).collections('products').documents().search({ q: '*' }), 401, FORBIDDEN);
  const later = client.keys().generateScopedSearchKey(parent.value, { expires_at: Math.floor(Date.now() / 1000) + 3600 });
  assert.equal((await makeClient(later).collections('products').documents().search({ q: '*' })).found, 4);

  const wide = await client.keys().create({ description: 'not search-only', actions: ['documents:search', 'documents:get'], collections: ['*'] });
  const fromWide = client.keys().generateScopedSearchKey(wide.value, { filter_by: 'tenant:=north' });
  await expectError(makeClient(fromWide).collections('products').documents().search({ q: '*' }), 401, FORBIDDEN);
});

test('a scoped key in the InstantSearch adapter: its filter holds for every query and facet', async () => {
  const parent = await client.keys().create({ description: 'browser', actions: ['documents:search'], collections: ['products'] });
  const scopedKey = client.keys().generateScopedSearchKey(parent.value, { filter_by: 'tenant:=north' });
  const adapter = new TypesenseInstantSearchAdapter({
    server: {
      apiKey: scopedKey,
      nodes: [{ host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' }],
      connectionTimeoutSeconds: 10, numRetries: 0, logLevel: 'silent',
    },
    additionalSearchParameters: { query_by: 'title' },
  });
  const { results } = await adapter.searchClient.search([{
    indexName: 'products',
    params: { query: '', facets: ['brand'], facetFilters: [['brand:Acme', 'brand:Bolt']], hitsPerPage: 10, page: 0 },
  }]);
  assert.equal(results[0].nbHits, 3);
  assert.deepEqual(results[0].hits.map((h) => h.objectID).sort(), ['1', '3', '4']);
  assert.deepEqual(results[0].facets.brand, { Acme: 1, Bolt: 2 });
});

test('aliases: collection routes resolve them, repointing switches searches', async () => {
  assert.deepEqual(await client.aliases().upsert('shop', { collection_name: 'products' }), { name: 'shop', collection_name: 'products' });
  assert.equal((await client.collections('shop').documents().search({ q: 'jacket', query_by: 'title' })).found, 1);
  assert.equal((await client.collections('shop').retrieve()).name, 'products');
  const { aliases } = await client.aliases().retrieve();
  assert.deepEqual(aliases.find((a) => a.name === 'shop'), { name: 'shop', collection_name: 'products' });
  await client.aliases().upsert('shop', { collection_name: 'products_archive' });
  assert.equal((await client.collections('shop').documents().search({ q: 'jacket', query_by: 'title' })).found, 0);
  assert.deepEqual(await client.aliases('shop').retrieve(), { name: 'shop', collection_name: 'products_archive' });
  await client.aliases('shop').delete();
  await expectError(client.aliases('shop').retrieve(), 404, 'Not Found');
  await expectError(client.collections('shop').documents().search({ q: '*' }), 404, 'Not found.');
});

test('presets: search and multi_search take preset=, explicit parameters win', async () => {
  await client.presets().upsert('cheap_first', { value: { query_by: 'title', sort_by: 'price:asc', per_page: 1 } });
  const viaPreset = await client.collections('products').documents().search({ q: 'running', preset: 'cheap_first' });
  assert.equal(viaPreset.found, 3);
  assert.deepEqual(viaPreset.hits.map((h) => h.document.id), ['3']);
  const explicit = await client.collections('products').documents().search({ q: 'running', preset: 'cheap_first', sort_by: 'price:desc' });
  assert.deepEqual(explicit.hits.map((h) => h.document.id), ['1']);
  const multi = await client.multiSearch.perform({ searches: [{ collection: 'products', q: 'shoe', preset: 'cheap_first' }] });
  assert.deepEqual(multi.results[0].hits.map((h) => h.document.id), ['2']);
  const stored = await client.presets('cheap_first').retrieve();
  assert.equal(stored.value.sort_by, 'price:asc');
  assert.ok((await client.presets().retrieve()).presets.some((p) => p.name === 'cheap_first'));
  await client.presets('cheap_first').delete();
  await expectError(client.presets('cheap_first').retrieve(), 404, 'Not found.');
});

test('stopwords: sets are stored folded and cut from q with stopwords=', async () => {
  const put = await client.stopwords().upsert('shop_words', { stopwords: ['The', 'Best', 'for'], locale: 'en' });
  assert.equal(put.id, 'shop_words');
  const { stopwords } = await client.stopwords('shop_words').retrieve();
  assert.deepEqual(stopwords.stopwords, ['the', 'best', 'for']);
  const plain = await client.collections('products').documents().search({ q: 'best rain jacket', query_by: 'title', drop_tokens_threshold: 0 });
  assert.equal(plain.found, 0);
  const cut = await client.collections('products').documents().search({
    q: 'best rain jacket', query_by: 'title', drop_tokens_threshold: 0, stopwords: 'shop_words',
  });
  assert.deepEqual(cut.hits.map((h) => h.document.id), ['4']);
  await client.stopwords('shop_words').delete();
  await expectError(client.stopwords('shop_words').retrieve(), 404, 'Stopword `shop_words` not found.');
});

test('overrides: includes, excludes, dynamic filter, replace_query, metadata', async () => {
  const overrides = client.collections('products').overrides();
  await overrides.upsert('promote-socks', {
    rule: { query: 'running', match: 'contains' },
    includes: [{ id: '3', position: 1 }],
    excludes: [{ id: '2' }],
  });
  const curated = await client.collections('products').documents().search({ q: 'running shoe', query_by: 'title' });
  assert.deepEqual(curated.hits.map((h) => h.document.id), ['3', '1']);
  assert.equal(curated.hits[0].curated, true);
  const off = await client.collections('products').documents().search({ q: 'running shoe', query_by: 'title', enable_overrides: false });
  assert.ok(off.hits.some((h) => h.document.id === '2'));

  await overrides.upsert('brand-acme', {
    rule: { query: 'acme', match: 'contains' }, filter_by: 'brand:=Acme', metadata: { banner: 'acme' },
  });
  const acme = await client.collections('products').documents().search({ q: 'acme', query_by: 'title,brand', sort_by: 'price:asc' });
  assert.deepEqual(acme.hits.map((h) => h.document.id), ['2', '1']);
  assert.deepEqual(acme.metadata, { banner: 'acme' });

  // A {brand} placeholder takes the brand named in the query into the filter.
  await overrides.upsert('brand-socks', { rule: { query: '{brand} socks', match: 'exact' }, filter_by: 'brand:={brand}' });
  const socks = await client.collections('products').documents().search({ q: 'bolt socks', query_by: 'title' });
  assert.deepEqual(socks.hits.map((h) => h.document.id).sort(), ['3', '4']);
  await client.collections('products').overrides('brand-socks').delete();

  await overrides.upsert('coat', { rule: { query: 'coat', match: 'exact' }, replace_query: 'jacket' });
  const coat = await client.collections('products').documents().search({ q: 'coat', query_by: 'title' });
  assert.deepEqual(coat.hits.map((h) => h.document.id), ['4']);

  const { overrides: listed } = await overrides.retrieve();
  assert.deepEqual(listed.map((o) => o.id).sort(), ['brand-acme', 'coat', 'promote-socks']);
  const one = await client.collections('products').overrides('coat').retrieve();
  assert.equal(one.replace_query, 'jacket');
  assert.deepEqual(await client.collections('products').overrides('coat').delete(), { id: 'coat' });
  await expectError(overrides.upsert('broken', { rule: { query: 'x' }, includes: [] }), 400,
    'The `rule` definition must contain either a `tags` or a `query` and `match`.');
  for (const id of ['brand-acme', 'promote-socks']) await client.collections('products').overrides(id).delete();
});

test('stats.json and metrics.json answer with the key, in Typesense key names', async () => {
  await client.collections('products').documents().search({ q: 'shoe', query_by: 'title' });
  const stats = await client.stats.retrieve();
  assert.ok(stats.search_requests_per_second > 0, JSON.stringify(stats));
  assert.ok(Object.keys(stats.latency_ms).some((k) => k.startsWith('GET /collections/products/documents/search')));
  for (const key of ['write_latency_ms', 'import_requests_per_second', 'delete_requests_per_second', 'total_requests_per_second']) {
    assert.equal(typeof stats[key], 'number', key);
  }
  const metrics = await client.metrics.retrieve();
  for (const key of ['system_memory_total_bytes', 'system_disk_used_bytes', 'system_cpu_active_percentage', 'typesense_memory_resident_bytes']) {
    assert.equal(typeof metrics[key], 'string', key);
  }
  assert.ok(Number(metrics.typesense_memory_resident_bytes) > 0);
  await expectError(makeClient('nope').stats.retrieve(), 401, FORBIDDEN);
  const { value: searchOnly } = await client.keys().create({ description: 's', actions: ['documents:search'], collections: ['*'] });
  await expectError(makeClient(searchOnly).metrics.retrieve(), 401, FORBIDDEN);
});
