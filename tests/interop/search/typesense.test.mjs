// The real typesense npm client against a real headless Homeport: schema lifecycle, import with
// a bad line, typo and prefix queries, filters, facets, sorting ties, pagination bounds,
// multi_search, highlights, export, phrases and exclusions, facet_query, update and delete by
// filter, adding and dropping fields, and Typesense's exact error statuses and messages as the
// client surfaces them. (Durability across restarts is covered by tst_search_service.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Typesense from 'typesense';
import { startHomeport } from '../lib/homeport.mjs';

let homeport;
let client;

function makeClient(apiKey = homeport.secrets.search.api_key) {
  return new Typesense.Client({
    nodes: [{ host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' }],
    apiKey,
    connectionTimeoutSeconds: 10,
    numRetries: 0,
    logLevel: 'silent',
  });
}

const books = [
  { id: '1', title: 'The Hobbit', author: 'J. R. R. Tolkien', genre: 'fantasy', year: 1937, rating: 4.7 },
  { id: '2', title: 'The Silmarillion', author: 'J. R. R. Tolkien', genre: 'fantasy', year: 1977, rating: 4.2 },
  { id: '3', title: 'Dune', author: 'Frank Herbert', genre: 'science fiction', year: 1965, rating: 4.6 },
  { id: '4', title: 'Dune Messiah', author: 'Frank Herbert', genre: 'science fiction', year: 1969, rating: 4.1 },
  { id: '5', title: 'Foundation', author: 'Isaac Asimov', genre: 'science fiction', year: 1951, rating: 4.3 },
  { id: '6', title: 'Café Society', author: 'Émile Zola', genre: 'classic', year: 1951, rating: 3.9 },
];

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
});

after(async () => {
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('health is open, everything else needs the key', async () => {
  assert.deepEqual(await client.health.retrieve(), { ok: true });
  await expectError(makeClient('wrong').collections().retrieve(), 401,
    'Forbidden - a valid `x-typesense-api-key` header must be sent.');
});

test('schema lifecycle: create, duplicate, get, list, delete', async () => {
  const created = await client.collections().create({
    name: 'books',
    fields: [
      { name: 'title', type: 'string' },
      { name: 'author', type: 'string', facet: true },
      { name: 'genre', type: 'string', facet: true },
      { name: 'year', type: 'int32', facet: true },
      { name: 'rating', type: 'float' },
    ],
    default_sorting_field: 'year',
  });
  assert.equal(created.name, 'books');
  assert.equal(created.num_documents, 0);
  assert.equal(created.fields.length, 5);
  await expectError(client.collections().create({ name: 'books', fields: [{ name: 'x', type: 'string' }] }), 409,
    'A collection with name `books` already exists.');
  await expectError(client.collections().create({ name: 'bad', fields: [{ name: 'x', type: 'text' }] }), 400,
    'Field `x` has an invalid data type `text`, see docs for supported data types.');
  await expectError(client.collections('nope').retrieve(), 404, 'Collection not found');

  await client.collections().create({ name: 'scratch', fields: [{ name: '.*', type: 'auto', optional: true }] });
  const names = (await client.collections().retrieve()).map((c) => c.name).sort();
  assert.deepEqual(names, ['books', 'scratch']);
  assert.equal((await client.collections('scratch').delete()).name, 'scratch');
  await expectError(client.collections('scratch').retrieve(), 404, 'Collection not found');
});

test('import with a bad line: one result per line, the client raises ImportError', async () => {
  // An array: the client parses every result line and raises ImportError for the failed one.
  const withBadDoc = [...books.slice(0, 2), { id: 'bad', title: 42, author: 'x', genre: 'x', year: 1, rating: 1 }];
  await assert.rejects(client.collections('books').documents().import(withBadDoc, { action: 'create' }), (error) => {
    assert.equal(error.name, 'ImportError');
    assert.equal(error.importResults.length, 3);
    const failed = error.importResults.filter((r) => !r.success);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].code, 400);
    assert.equal(failed[0].error, 'Field `title` must be a string.');
    return true;
  });
  // JSONL text with a line that is not JSON: 200, one result line per input line, no trailing newline.
  const lines = books.slice(2).map((b) => JSON.stringify(b));
  lines.splice(1, 0, '{"id": "broken", ');
  const text = await client.collections('books').documents().import(lines.join('\n'), { action: 'create' });
  assert.equal(typeof text, 'string');
  assert.ok(!text.endsWith('\n'));
  const results = text.split('\n').map((l) => JSON.parse(l));
  assert.equal(results.length, lines.length);
  assert.equal(results[1].success, false);
  assert.equal(results[1].code, 400);
  assert.equal(results.filter((r) => r.success).length, lines.length - 1);
  assert.equal((await client.collections('books').retrieve()).num_documents, books.length);

  const again = await client.collections('books').documents().import([books[0]], { action: 'create', throwOnFail: false });
  assert.equal(again[0].success, false);
  assert.equal(again[0].code, 409);
  assert.equal(again[0].error, 'A document with id 1 already exists.');
  const upserted = await client.collections('books').documents().import([books[0]], { action: 'upsert' });
  assert.deepEqual(upserted, [{ success: true }]);
});

test('documents: create, get, update, delete with Typesense messages', async () => {
  const docs = client.collections('books').documents();
  const doc = await docs.create({ id: '7', title: 'Neuromancer', author: 'William Gibson', genre: 'cyberpunk', year: 1984, rating: 4 });
  assert.equal(doc.title, 'Neuromancer');
  await expectError(docs.create({ id: '7', title: 'x', author: 'x', genre: 'x', year: 1, rating: 1 }), 409,
    'A document with id 7 already exists.');
  await expectError(docs.create({ title: 'x', author: 'x', genre: 'x', rating: 1 }), 400,
    'Field `year` has been declared in the schema, but is not found in the document.');
  const updated = await client.collections('books').documents('7').update({ rating: 4.5 });
  assert.equal(updated.rating, 4.5);
  assert.equal((await client.collections('books').documents('7').retrieve()).title, 'Neuromancer');
  await client.collections('books').documents('7').delete();
  await expectError(client.collections('books').documents('7').retrieve(), 404, 'Could not find a document with id: 7');
});

test('typo and prefix queries, with highlights', async () => {
  const search = (params) => client.collections('books').documents().search(params);
  let r = await search({ q: 'hobit', query_by: 'title' });
  assert.equal(r.found, 1);
  assert.equal(r.hits[0].document.id, '1');
  assert.equal(r.hits[0].highlight.title.snippet, 'The <mark>Hobbit</mark>');
  assert.deepEqual(r.hits[0].highlights[0].matched_tokens, ['Hobbit']);
  assert.equal(typeof r.hits[0].text_match, 'number');
  assert.equal(r.hits[0].text_match_info.tokens_matched, 1);

  r = await search({ q: 'silmar', query_by: 'title' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['2']);
  r = await search({ q: 'silmar', query_by: 'title', prefix: false });
  assert.equal(r.found, 0);
  assert.deepEqual(r.hits, []);

  r = await search({ q: 'cafe', query_by: 'title' }); // folding: Café
  assert.deepEqual(r.hits.map((h) => h.document.id), ['6']);
  r = await search({ q: 'zola', query_by: 'title,author' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['6']);

  r = await search({ q: 'dune', query_by: 'title' }); // exact tie: default_sorting_field desc
  assert.deepEqual(r.hits.map((h) => h.document.id), ['4', '3']);
  assert.equal(r.out_of, books.length);
  assert.equal(r.request_params.collection_name, 'books');
});

test('filters, facets and sorting', async () => {
  const search = (params) => client.collections('books').documents().search(params);
  let r = await search({ q: '*', filter_by: 'genre:=science fiction && year:>=1960', sort_by: 'year:asc' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['3', '4']);
  r = await search({ q: '*', filter_by: '(author:Tolkien || year:[1950..1952]) && rating:>4', sort_by: 'rating:desc' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['1', '5', '2']);
  r = await search({ q: '*', filter_by: 'genre:!=fantasy && year:[1951, 1969]', sort_by: 'year:desc,rating:desc' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['4', '5', '6']);
  r = await search({ q: '*', filter_by: 'title:=`Café Society`' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['6']);

  r = await search({ q: '*', facet_by: 'genre,year', max_facet_values: 2 });
  const genre = r.facet_counts.find((f) => f.field_name === 'genre');
  assert.deepEqual(genre.counts.map((c) => [c.value, c.count]), [['science fiction', 3], ['fantasy', 2]]);
  const year = r.facet_counts.find((f) => f.field_name === 'year');
  assert.equal(year.stats.min, 1937);
  assert.equal(year.stats.max, 1977);

  // Full ties: later insertion first.
  r = await search({ q: '*', filter_by: 'year:1951', sort_by: 'year:desc' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['6', '5']);

  await expectError(search({ q: '*', filter_by: 'colour:red' }), 404, 'Could not find a filter field named `colour` in the schema.');
  await expectError(search({ q: '*', filter_by: 'year:>' }), 400, 'Could not parse the filter query.');
  await expectError(search({ q: '*', sort_by: 'nope:asc' }), 404, 'Could not find a field named `nope` in the schema for sorting.');
  await expectError(search({ q: '*', sort_by: 'year:asc,rating:asc,_text_match:desc,year:desc' }), 400,
    'Only upto 3 sort fields are allowed.');
  await expectError(search({ q: '*', facet_by: 'title' }), 404, 'Could not find a facet field named `title` in the schema.');
  await expectError(search({ q: 'x' }), 400, 'No search fields specified for the query.');
  await expectError(search({ q: 'x', query_by: 'nope' }), 404, 'Could not find a field named `nope` in the schema.');
});

test('pagination and its bounds, field selection', async () => {
  const search = (params) => client.collections('books').documents().search(params);
  const page1 = await search({ q: '*', sort_by: 'year:asc', per_page: 4, page: 1 });
  const page2 = await search({ q: '*', sort_by: 'year:asc', per_page: 4, page: 2 });
  assert.equal(page1.found, books.length);
  assert.equal(page1.hits.length, 4);
  assert.equal(page2.hits.length, 2);
  assert.equal(page2.page, 2);
  assert.equal(new Set([...page1.hits, ...page2.hits].map((h) => h.document.id)).size, books.length);
  const beyond = await search({ q: '*', per_page: 4, page: 5 });
  assert.deepEqual(beyond.hits, []);
  assert.equal((await search({ q: '*', per_page: 250 })).hits.length, books.length);
  await expectError(search({ q: '*', per_page: 251 }), 422, 'Only upto 250 hits can be fetched per page.');
  const slim = await search({ q: '*', include_fields: 'title,year', per_page: 1 });
  assert.deepEqual(Object.keys(slim.hits[0].document).sort(), ['title', 'year']);
  const noRating = await search({ q: '*', exclude_fields: 'rating', per_page: 1 });
  assert.equal(noRating.hits[0].document.rating, undefined);
});

test('multi_search: results in order, per-search errors in their slot', async () => {
  const { results } = await client.multiSearch.perform({
    searches: [
      { collection: 'books', q: 'dune', query_by: 'title' },
      { collection: 'nope', q: '*' },
      { collection: 'books', q: 'tolkein', query_by: 'author', filter_by: 'year:<1950' },
      { collection: 'books', q: '*', per_page: 300 },
    ],
  }, { per_page: 5 });
  assert.equal(results.length, 4);
  assert.equal(results[0].found, 2);
  assert.equal(results[1].code, 404);
  assert.equal(results[1].error, 'Collection not found');
  assert.deepEqual(results[2].hits.map((h) => h.document.id), ['1']);
  assert.equal(results[3].code, 422);
});

test('export as JSONL with a filter and field selection', async () => {
  const text = await client.collections('books').documents().export({ filter_by: 'author:Herbert', include_fields: 'id,title' });
  assert.deepEqual(text.split('\n').map((l) => JSON.parse(l)), [{ id: '3', title: 'Dune' }, { id: '4', title: 'Dune Messiah' }]);
});

test('phrases, exclusions and facet_query', async () => {
  const search = (params) => client.collections('books').documents().search(params);
  let r = await search({ q: '"dune messiah"', query_by: 'title' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['4']);
  r = await search({ q: 'dune -messiah', query_by: 'title' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['3']);
  r = await search({ q: '*', facet_by: 'genre', facet_query: 'genre:sci' });
  assert.deepEqual(r.facet_counts[0].counts.map((c) => [c.value, c.highlighted]),
    [['science fiction', '<mark>sci</mark>ence fiction']]);
});

test('update and delete by filter, add and drop a field', async () => {
  const docs = client.collections('books').documents();
  assert.deepEqual(await docs.update({ rating: 5 }, { filter_by: 'author:Herbert' }), { num_updated: 2 });
  let r = await docs.search({ q: '*', filter_by: 'rating:=5', sort_by: 'year:asc' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['3', '4']);

  await client.collections('books').update({ fields: [{ name: 'pages', type: 'int32', optional: true, facet: true }] });
  await docs.upsert({ ...books[0], pages: 310 });
  r = await docs.search({ q: '*', filter_by: 'pages:>300' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['1']);
  await expectError(client.collections('books').update({ fields: [{ name: 'isbn', type: 'string' }] }), 400,
    'Field `isbn` has been declared in the schema, but is not found in the document.');
  await client.collections('books').update({ fields: [{ name: 'pages', drop: true }] });
  await expectError(docs.search({ q: '*', filter_by: 'pages:>300' }), 404, 'Could not find a filter field named `pages` in the schema.');

  assert.deepEqual(await docs.delete({ filter_by: 'year:<1950' }), { num_deleted: 1 });
  assert.equal((await client.collections('books').retrieve()).num_documents, books.length - 1);
});
