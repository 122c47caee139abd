// typesense-instantsearch-adapter against a real headless Homeport, driving
// `searchClient.search` and `searchClient.searchForFacetValues` with the request shapes
// InstantSearch sends (query, hitsPerPage, page, facets, highlight tags, facetFilters,
// numericFilters) and checking the Algolia-shaped results the adapter builds from Homeport's
// multi_search responses: nbHits, hits[].objectID, _highlightResult, facets, page/nbPages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Typesense from 'typesense';
import adapterModule from 'typesense-instantsearch-adapter';
import { startHomeport } from '../lib/homeport.mjs';

// The package is CommonJS with `exports.default` (Babel output).
const TypesenseInstantSearchAdapter = adapterModule.default ?? adapterModule;

let homeport;
let adapter;

const PRE = '__ais-highlight__';
const POST = '__/ais-highlight__';

const brands = ['Acme', 'Globex', 'Initech', 'Umbrella'];
const categories = ['laptop', 'phone', 'tablet', 'camera', 'headphones'];
const products = Array.from({ length: 20 }, (_, i) => ({
  id: String(i + 1),
  name: `${i % 3 === 0 ? 'Wireless' : 'Classic'} ${categories[i % 5]} model ${i + 1}`,
  brand: brands[i % 4],
  category: categories[i % 5],
  price: 100 + i * 50,
  popularity: 20 - i,
}));

// One InstantSearch request for the `products` index with the defaults InstantSearch adds.
function request(params, indexName = 'products') {
  return {
    indexName,
    params: { highlightPreTag: PRE, highlightPostTag: POST, facets: [], tagFilters: '', ...params },
  };
}

async function search(params) {
  const { results } = await adapter.searchClient.search([request(params)]);
  assert.equal(results.length, 1);
  return results[0];
}

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'errors', 'storage', 'inference'] });
  await homeport.settled();
  const apiKey = homeport.secrets.search.api_key;
  const node = { host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' };
  const client = new Typesense.Client({ nodes: [node], apiKey, connectionTimeoutSeconds: 10, numRetries: 0, logLevel: 'silent' });
  await client.collections().create({
    name: 'products',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'brand', type: 'string', facet: true },
      { name: 'category', type: 'string', facet: true },
      { name: 'price', type: 'int32', facet: true },
      { name: 'popularity', type: 'int32' },
    ],
    default_sorting_field: 'popularity',
  });
  const lines = await client.collections('products').documents().import(products, { action: 'create' });
  assert.ok(lines.every((line) => line.success), JSON.stringify(lines));

  adapter = new TypesenseInstantSearchAdapter({
    server: { apiKey, nodes: [node], connectionTimeoutSeconds: 10, numRetries: 0, logLevel: 'silent' },
    additionalSearchParameters: { query_by: 'name,brand' },
  });
});

after(async () => {
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('an empty query lists everything, paged, with facet counts', async () => {
  const result = await search({ query: '', hitsPerPage: 5, page: 0, facets: ['brand', 'category'] });
  assert.equal(result.nbHits, 20);
  assert.equal(result.page, 0);
  assert.equal(result.nbPages, 4);
  assert.equal(result.hitsPerPage, 5);
  assert.equal(result.hits.length, 5);
  // q=* ranks by the default sorting field, popularity descending.
  assert.deepEqual(result.hits.map((h) => h.objectID), ['1', '2', '3', '4', '5']);
  assert.deepEqual(result.facets.brand, { Acme: 5, Globex: 5, Initech: 5, Umbrella: 5 });
  assert.deepEqual(result.facets.category, { laptop: 4, phone: 4, tablet: 4, camera: 4, headphones: 4 });
});

test('a text query returns matching hits with highlight marks', async () => {
  const result = await search({ query: 'wireless', hitsPerPage: 10, page: 0, facets: ['category'] });
  const expected = products.filter((p) => p.name.startsWith('Wireless'));
  assert.equal(result.nbHits, expected.length);
  assert.deepEqual(result.hits.map((h) => h.objectID).sort(), expected.map((p) => p.id).sort());
  for (const hit of result.hits) {
    assert.equal(hit.name, products[Number(hit.objectID) - 1].name);
    const highlight = hit._highlightResult.name;
    assert.ok(highlight.value.startsWith(`${PRE}Wireless${POST} `), highlight.value);
    assert.equal(highlight.matchLevel, 'full');
    assert.deepEqual(highlight.matchedWords, ['Wireless']);
  }
  const categoryTotal = Object.values(result.facets.category).reduce((a, b) => a + b, 0);
  assert.equal(categoryTotal, expected.length);
});

test('the second page continues the first', async () => {
  const first = await search({ query: 'model', hitsPerPage: 8, page: 0 });
  const second = await search({ query: 'model', hitsPerPage: 8, page: 1 });
  const third = await search({ query: 'model', hitsPerPage: 8, page: 2 });
  assert.equal(first.nbHits, 20);
  assert.equal(first.nbPages, 3);
  assert.equal(second.page, 1);
  assert.equal(first.hits.length, 8);
  assert.equal(second.hits.length, 8);
  assert.equal(third.hits.length, 4);
  const ids = [...first.hits, ...second.hits, ...third.hits].map((h) => h.objectID);
  assert.equal(new Set(ids).size, 20);
});

test('a facetFilters refinement narrows the results, disjunctive facets OR within a facet', async () => {
  const acme = await search({ query: '', hitsPerPage: 20, facets: ['brand', 'category'], facetFilters: [['brand:Acme']] });
  assert.equal(acme.nbHits, 5);
  assert.ok(acme.hits.every((h) => h.brand === 'Acme'));
  assert.deepEqual(acme.facets.brand, { Acme: 5 });

  const either = await search({ query: '', hitsPerPage: 20, facetFilters: [['brand:Acme', 'brand:Globex']] });
  assert.equal(either.nbHits, 10);
  assert.ok(either.hits.every((h) => h.brand === 'Acme' || h.brand === 'Globex'));

  const both = await search({ query: '', hitsPerPage: 20, facetFilters: [['brand:Acme'], ['category:laptop']] });
  const expected = products.filter((p) => p.brand === 'Acme' && p.category === 'laptop');
  assert.deepEqual(both.hits.map((h) => h.objectID).sort(), expected.map((p) => p.id).sort());

  const refinedQuery = await search({ query: 'wireless', hitsPerPage: 20, facetFilters: [['category:phone']] });
  const wirelessPhones = products.filter((p) => p.name.startsWith('Wireless') && p.category === 'phone');
  assert.equal(refinedQuery.nbHits, wirelessPhones.length);
});

test('numericFilters as a range slider sends them', async () => {
  const result = await search({ query: '', hitsPerPage: 20, numericFilters: ['price>=300', 'price<=600'] });
  const expected = products.filter((p) => p.price >= 300 && p.price <= 600);
  assert.equal(result.nbHits, expected.length);
  assert.deepEqual(result.hits.map((h) => h.objectID).sort(), expected.map((p) => p.id).sort());
});

test('several requests in one call, as InstantSearch sends for a refined disjunctive facet', async () => {
  const { results } = await adapter.searchClient.search([
    request({ query: '', hitsPerPage: 3, facets: ['brand', 'category'], facetFilters: [['brand:Initech']] }),
    request({ query: '', hitsPerPage: 0, page: 0, facets: ['brand'], analytics: false, clickAnalytics: false }),
  ]);
  assert.equal(results.length, 2);
  assert.equal(results[0].nbHits, 5);
  assert.equal(results[0].hits.length, 3);
  assert.equal(results[1].nbHits, 20);
  assert.deepEqual(results[1].facets.brand, { Acme: 5, Globex: 5, Initech: 5, Umbrella: 5 });
});

test('searchForFacetValues maps onto facet_query', async () => {
  const [result] = await adapter.searchClient.searchForFacetValues([
    request({ facetName: 'brand', facetQuery: 'glo', query: '', maxFacetHits: 10, facets: ['brand'] }),
  ]);
  assert.equal(result.facetHits.length, 1);
  assert.equal(result.facetHits[0].value, 'Globex');
  assert.equal(result.facetHits[0].count, 5);
  assert.equal(result.facetHits[0].highlighted, `${PRE}Glo${POST}bex`);
});

test('a long text gives the whole value in _highlightResult and a snippet in _snippetResult', async () => {
  const apiKey = homeport.secrets.search.api_key;
  const node = { host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' };
  const client = new Typesense.Client({ nodes: [node], apiKey, connectionTimeoutSeconds: 10, numRetries: 0, logLevel: 'silent' });
  await client.collections().create({ name: 'articles', fields: [{ name: 'body', type: 'string' }] });
  const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
  words[40] = 'harbour';
  const body = words.join(' ');
  await client.collections('articles').documents().create({ id: 'a1', body });
  // The adapter sends highlight_full_fields (query_by by default) and reads `value` for the
  // highlight and `snippet` for the snippet.
  const articles = new TypesenseInstantSearchAdapter({
    server: { apiKey, nodes: [node], connectionTimeoutSeconds: 10, numRetries: 0, logLevel: 'silent' },
    additionalSearchParameters: { query_by: 'body' },
  });
  const { results } = await articles.searchClient.search([request({ query: 'harbour', hitsPerPage: 5, page: 0 }, 'articles')]);
  const hit = results[0].hits[0];
  assert.equal(hit._highlightResult.body.value, body.replace('harbour', `${PRE}harbour${POST}`));
  const snippet = hit._snippetResult.body.value;
  assert.ok(snippet.includes(`${PRE}harbour${POST}`), snippet);
  assert.ok(!snippet.includes('word0 '), snippet); // cut around the match
  await client.collections('articles').delete();
});
