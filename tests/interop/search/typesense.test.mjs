// The real typesense npm client against a real headless Homeport: schema lifecycle, import with
// a bad line, typo and prefix queries, filters, facets, sorting ties, pagination bounds,
// multi_search, highlights, export, phrases and exclusions, facet_query, update and delete by
// filter, adding and dropping fields, nested fields, and Typesense's exact error statuses and
// messages as the client surfaces them. (Durability across restarts is covered by tst_search_service.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { typesenseClient } from './typesense-client.mjs';
import { startHomeport } from '../lib/homeport.mjs';

let homeport;
let client;

function makeClient(apiKey = homeport.secrets.search.api_key) {
  return typesenseClient(homeport, { apiKey });
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
  await expectError(client.collections('nope').retrieve(), 404, 'Not Found');
  await expectError(client.collections('nope').delete(), 404, 'No collection with name `nope` found.');
  // A field kept out of the index must be optional, and can be neither a facet nor `.*`.
  await expectError(client.collections().create({ name: 'bad', fields: [{ name: 'body', type: 'string', index: false }] }), 400,
    'Field `body` must be optional since it is marked as non-indexable.');
  await expectError(client.collections().create({ name: 'bad', fields: [{ name: 'tag', type: 'string', index: false, optional: true, facet: true }] }),
    400, 'Field `tag` cannot be a facet since it\'s marked as non-indexable.');
  await expectError(client.collections().create({ name: 'bad', fields: [{ name: '.*', type: 'auto', index: false, optional: true }] }), 400,
    'Field `.*` cannot be marked as non-indexable.');
  // Such a field is stored with the document but unknown to searches, filters and sorts.
  await client.collections().create({ name: 'notes', fields: [{ name: 'title', type: 'string' },
    { name: 'body', type: 'string', index: false, optional: true }, { name: 'pages', type: 'int32', index: false, optional: true }] });
  await client.collections('notes').documents().create({ id: 'n1', title: 'first note', body: 'kept aside', pages: 3 });
  assert.equal((await client.collections('notes').documents('n1').retrieve()).body, 'kept aside');
  const notes = client.collections('notes').documents();
  await expectError(notes.search({ q: 'kept', query_by: 'body' }), 404, 'Could not find a field named `body` in the schema.');
  await expectError(notes.search({ q: '*', filter_by: 'pages:>1' }), 404, 'Could not find a filter field named `pages` in the schema.');
  await expectError(notes.search({ q: '*', sort_by: 'pages:desc' }), 404, 'Could not find a field named `pages` in the schema for sorting.');
  assert.equal((await notes.search({ q: 'note', query_by: 'title' })).found, 1);
  await client.collections('notes').delete();
  await expectError(client.collections('nope').documents('1').retrieve(), 404, 'Not Found');

  await client.collections().create({ name: 'scratch', fields: [{ name: '.*', type: 'auto', optional: true }] });
  const names = (await client.collections().retrieve()).map((c) => c.name).sort();
  assert.deepEqual(names, ['books', 'scratch']);
  assert.equal((await client.collections('scratch').delete()).name, 'scratch');
  await expectError(client.collections('scratch').retrieve(), 404, 'Not Found');
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
  // Typesense's facet option: values in alphabetical order instead of by count.
  r = await search({ q: '*', facet_by: 'genre(sort_by:_alpha:asc),year', max_facet_values: 3 });
  assert.deepEqual(r.facet_counts[0].counts.map((c) => c.value), ['classic', 'fantasy', 'science fiction']);
  r = await search({ q: '*', facet_by: 'genre(sort_by:_alpha:desc)' });
  assert.deepEqual(r.facet_counts[0].counts.map((c) => [c.value, c.count]), [['science fiction', 3], ['fantasy', 2], ['classic', 1]]);

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
  // A GET search past 4000 bytes of query string is refused so that the app sends it through
  // multi_search, which takes it.
  const longFilter = `title:!=\`${'x'.repeat(4100)}\``;
  await expectError(search({ q: '*', filter_by: longFilter }), 400,
    'Query string exceeds max allowed length of 4000. Use the /multi_search end-point for larger payloads.');
  const viaMulti = await client.multiSearch.perform({ searches: [{ collection: 'books', q: '*', filter_by: longFilter }] });
  assert.equal(viaMulti.results[0].found, 6);
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
  assert.equal(results[1].error, 'Not found.');
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

test('pinned_hits and hidden_hits: curated positions, hidden removed', async () => {
  await client.collections().create({
    name: 'fruit',
    fields: [{ name: 'name', type: 'string' }, { name: 'kind', type: 'string', facet: true }],
  });
  await client.collections('fruit').documents().import([
    { id: 'a', name: 'red apple', kind: 'fruit' },
    { id: 'b', name: 'green apple', kind: 'fruit' },
    { id: 'c', name: 'apple pie', kind: 'dessert' },
    { id: 'd', name: 'banana bread', kind: 'dessert' },
  ], { action: 'create' });
  const search = (params) => client.collections('fruit').documents().search(params);
  let r = await search({ q: 'apple', query_by: 'name' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['c', 'b', 'a']);
  r = await search({ q: 'apple', query_by: 'name', pinned_hits: 'd:1,a:2', hidden_hits: 'c' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['d', 'a', 'b']);
  assert.deepEqual(r.hits.map((h) => h.curated === true), [true, true, false]);
  assert.equal(r.found, 3);
  // the filter applies to curated hits only with filter_curated_hits
  r = await search({ q: '*', filter_by: 'kind:fruit', pinned_hits: 'd:1' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['d', 'b', 'a']);
  r = await search({ q: '*', filter_by: 'kind:fruit', pinned_hits: 'd:1', filter_curated_hits: true });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['b', 'a']);
  // the same through multi_search
  const { results } = await client.multiSearch.perform({
    searches: [{ collection: 'fruit', q: 'apple', query_by: 'name', hidden_hits: 'a,b' }],
  });
  assert.deepEqual(results[0].hits.map((h) => h.document.id), ['c']);
  await expectError(search({ q: '*', pinned_hits: 'a:first' }), 400, 'Pinned hits are not in expected format.');
  await expectError(search({ q: '*', pinned_hits: 'a:0' }), 400, 'Pinned hits must start from position 1.');
});

test('group_by with group_limit, and its errors', async () => {
  await client.collections().create({
    name: 'shoes',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'brand', type: 'string', facet: true },
      { name: 'size', type: 'int32', facet: true },
      { name: 'price', type: 'float' },
    ],
  });
  await client.collections('shoes').documents().import([
    { id: '1', name: 'runner', brand: 'Nike', size: 42, price: 100 },
    { id: '2', name: 'runner pro', brand: 'Nike', size: 43, price: 140 },
    { id: '3', name: 'trail runner', brand: 'Nike', size: 42, price: 120 },
    { id: '4', name: 'nike clone', brand: 'Nike', size: 44, price: 20 },
    { id: '5', name: 'road runner', brand: 'Adidas', size: 42, price: 90 },
  ], { action: 'create' });
  const search = (params) => client.collections('shoes').documents().search(params);
  let r = await search({ q: 'runner', query_by: 'name', group_by: 'brand', sort_by: 'price:asc' });
  assert.equal(r.found, 2);
  assert.equal(r.hits, undefined);
  assert.deepEqual(r.grouped_hits.map((g) => [g.group_key, g.found, g.hits.map((h) => h.document.id)]), [
    [['Adidas'], 1, ['5']],
    [['Nike'], 3, ['1', '3', '2']],
  ]);
  r = await search({ q: '*', group_by: 'brand,size', group_limit: 1, sort_by: 'price:desc', per_page: 2 });
  assert.equal(r.found, 4);
  assert.deepEqual(r.grouped_hits.map((g) => g.group_key), [['Nike', 43], ['Nike', 42]]);
  assert.deepEqual(r.grouped_hits[1].hits.map((h) => h.document.id), ['3']);
  // facet counts count groups when grouping: size 42 is in three documents but two groups
  r = await search({ q: '*', group_by: 'brand', facet_by: 'size' });
  assert.deepEqual(r.facet_counts[0].counts.map((c) => [c.value, c.count]).sort(), [['42', 2], ['43', 1], ['44', 1]]);
  await expectError(search({ q: '*', group_by: 'name' }), 400, 'Group by field `name` should be a facet field.');
  await expectError(search({ q: '*', group_by: 'colour' }), 404, 'Could not find a field named `colour` in the schema.');
  await expectError(search({ q: '*', group_by: 'brand', group_limit: 100 }), 400,
    'Value of `group_limit` must be between 1 and 99.');
});

test('geopoint: radius and polygon filters, sorting by distance', async () => {
  await client.collections().create({
    name: 'places',
    fields: [{ name: 'name', type: 'string' }, { name: 'location', type: 'geopoint' }],
  });
  await client.collections('places').documents().import([
    { id: 'louvre', name: 'Louvre Museum', location: [48.8606, 2.3376] },
    { id: 'eiffel', name: 'Eiffel Tower', location: [48.8584, 2.2945] },
    { id: 'versailles', name: 'Palace of Versailles', location: [48.8049, 2.1204] },
    { id: 'bigben', name: 'Big Ben', location: [51.5007, -0.1246] },
  ], { action: 'create' });
  const search = (params) => client.collections('places').documents().search(params);
  const here = '48.853, 2.3499'; // Notre-Dame
  let r = await search({ q: '*', filter_by: `location:(${here}, 5 km)`, sort_by: `location(${here}):asc` });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['louvre', 'eiffel']);
  const louvre = r.hits[0].geo_distance_meters.location;
  assert.ok(louvre > 1000 && louvre < 1300, String(louvre));
  r = await search({ q: '*', filter_by: `location:([${here}], radius: 30 mi)`, sort_by: `location(${here}):desc` });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['versailles', 'eiffel', 'louvre']);
  r = await search({ q: '*', filter_by: 'location:(51.4, -0.3, 51.6, -0.3, 51.6, 0.1, 51.4, 0.1)' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['bigben']);
  await expectError(search({ q: '*', filter_by: `location:(${here}, 5 miles)` }), 400, 'Unit must be either `km` or `mi`.');
  await expectError(search({ q: '*', filter_by: 'location:(48.85, north, 5 km)' }), 400,
    'Value of filter field `location`: must be in the `([-44.50, 170.29], radius: 0.75 km, exact_filter_radius: 5 km)` '
    + 'or ([56.33, -65.97, 23.82, -127.82], exact_filter_radius: 7 km) format.');
  await expectError(search({ q: '*', sort_by: 'location(48.85):asc' }), 400, 'Bad syntax for sorting field `location`');
});

test('synonyms: multi-way and one-way, CRUD, kept across the collection lifecycle', async () => {
  await client.collections().create({ name: 'clothes', fields: [{ name: 'title', type: 'string' }] });
  await client.collections('clothes').documents().import([
    { id: '1', title: 'Navy blazer' },
    { id: '2', title: 'Warm winter coat' },
    { id: '3', title: 'Smart phone stand' },
    { id: '4', title: 'New iPhone case' },
  ], { action: 'create' });
  const synonyms = client.collections('clothes').synonyms();
  const search = (params) => client.collections('clothes').documents().search(params);
  assert.deepEqual((await search({ q: 'jacket', query_by: 'title' })).hits, []);

  const upserted = await synonyms.upsert('coat-synonyms', { synonyms: ['blazer', 'coat', 'jacket'] });
  assert.deepEqual(upserted, { id: 'coat-synonyms', synonyms: ['blazer', 'coat', 'jacket'] });
  await synonyms.upsert('smart-phone', { root: 'smart phone', synonyms: ['iphone'] });
  let r = await search({ q: 'jacket', query_by: 'title' });
  assert.deepEqual(r.hits.map((h) => h.document.id).sort(), ['1', '2']);
  r = await search({ q: 'smart phone', query_by: 'title' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['3', '4']);
  r = await search({ q: 'iphone', query_by: 'title' }); // one-way: no way back
  assert.deepEqual(r.hits.map((h) => h.document.id), ['4']);
  r = await search({ q: 'jacket', query_by: 'title', enable_synonyms: false });
  assert.equal(r.found, 0);

  const listed = await synonyms.retrieve();
  assert.deepEqual(listed.synonyms.map((s) => s.id).sort(), ['coat-synonyms', 'smart-phone']);
  const one = await client.collections('clothes').synonyms('smart-phone').retrieve();
  assert.deepEqual(one, { id: 'smart-phone', root: 'smart phone', synonyms: ['iphone'] });
  assert.deepEqual(await client.collections('clothes').synonyms('coat-synonyms').delete(), { id: 'coat-synonyms' });
  await expectError(client.collections('clothes').synonyms('coat-synonyms').retrieve(), 404, 'Could not find that `id`.');
  await expectError(client.collections('clothes').synonyms('coat-synonyms').delete(), 404, 'Could not find that `id`.');
  await expectError(synonyms.upsert('bad', { root: 'x' }), 400, 'Could not find an array of `synonyms`');
  await expectError(synonyms.upsert('bad', { synonyms: ['a', 2] }), 400, 'Could not find a valid string array of `synonyms`');
  await expectError(client.collections('nope').synonyms().retrieve(), 404, 'Not Found');
  assert.equal((await search({ q: 'jacket', query_by: 'title' })).found, 0);

  // a collection dropped and made again starts without synonyms
  await client.collections('clothes').delete();
  await client.collections().create({ name: 'clothes', fields: [{ name: 'title', type: 'string' }] });
  assert.deepEqual((await client.collections('clothes').synonyms().retrieve()).synonyms, []);
});

test('token proximity ranks closer words first; infix per query_by field', async () => {
  await client.collections().create({
    name: 'parts',
    fields: [{ name: 'name', type: 'string' }, { name: 'sku', type: 'string', infix: true }],
  });
  await client.collections('parts').documents().import([
    { id: 'far', name: 'new cable for the old york adapter', sku: 'XB4455Z' },
    { id: 'near', name: 'new york cable', sku: 'QQ4455' },
    { id: 'middle', name: 'new long york cable', sku: 'AB1234' },
  ], { action: 'create' });
  const search = (params) => client.collections('parts').documents().search(params);
  let r = await search({ q: 'new york', query_by: 'name' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['near', 'middle', 'far']);
  assert.equal(r.hits[0].text_match_info.tokens_matched, 2);
  assert.ok(r.hits[0].text_match > r.hits[1].text_match);

  r = await search({ q: '4455', query_by: 'sku' });
  assert.equal(r.found, 0);
  r = await search({ q: '4455', query_by: 'sku', infix: 'always' });
  assert.deepEqual(r.hits.map((h) => h.document.id).sort(), ['far', 'near']);
  assert.equal(r.hits.find((h) => h.document.id === 'far').highlight.sku.snippet, '<mark>XB4455Z</mark>');
  r = await search({ q: 'qq4455', query_by: 'sku', infix: 'fallback' });
  assert.deepEqual(r.hits.map((h) => h.document.id), ['near']);
  r = await search({ q: '4455', query_by: 'name,sku', infix: 'off,fallback' });
  assert.equal(r.found, 2);
});

test('_text_match(buckets: N) lets the next sort field order hits of close relevance', async () => {
  await client.collections().create({
    name: 'ratings',
    fields: [{ name: 'title', type: 'string' }, { name: 'stars', type: 'int32' }],
  });
  await client.collections('ratings').documents().import([
    { id: 'exact-low', title: 'apple', stars: 1 },
    { id: 'typo-high', title: 'appel', stars: 5 },
  ], { action: 'create' });
  const search = (sort_by) => client.collections('ratings').documents()
    .search({ q: 'apple', query_by: 'title', typo_tokens_threshold: 10, sort_by });
  assert.deepEqual((await search('_text_match:desc,stars:desc')).hits.map((h) => h.document.id), ['exact-low', 'typo-high']);
  assert.deepEqual((await search('_text_match(buckets: 1):desc,stars:desc')).hits.map((h) => h.document.id),
    ['typo-high', 'exact-low']);
  await expectError(search('_text_match(size: 1):desc'), 400, 'Invalid sorting parameter passed for _text_match.');
});

test('nested fields: objects and arrays of objects are searched, filtered, faceted and sorted by their paths', async () => {
  await client.collections().create({
    name: 'people',
    enable_nested_fields: true,
    fields: [
      { name: 'name', type: 'string' },
      { name: 'address', type: 'object', facet: true },
      { name: 'pets', type: 'object[]', optional: true },
      { name: 'meta.score', type: 'int32', optional: true },
    ],
  });
  const people = client.collections('people').documents();
  await people.import([
    { id: '1', name: 'Ann', address: { city: 'Paris', zip: 75001 }, pets: [{ kind: 'cat', age: 3 }, { kind: 'dog', age: 5 }], meta: { score: 5 } },
    { id: '2', name: 'Bob', address: { city: 'Berlin', zip: 10115 } },
    { id: '3', name: 'Cid', address: { city: 'Paris Nord', zip: 95000 }, meta: { score: 9 } },
  ]);
  // A declared nested field is checked inside its object.
  await expectError(people.create({ id: '4', name: 'Dee', address: { city: 'Rome', zip: 1 }, meta: { score: 'high' } }), 400,
    'Field `meta.score` must be an int32.');

  const paris = await people.search({ q: 'paris', query_by: 'address.city', sort_by: 'address.zip:asc' });
  assert.deepEqual(paris.hits.map((h) => h.document.id), ['1', '3']);
  assert.deepEqual(paris.hits[0].document.address, { city: 'Paris', zip: 75001 });
  assert.deepEqual(paris.hits[0].highlight.address.city, { matched_tokens: ['Paris'], snippet: '<mark>Paris</mark>' });
  const picked = await people.search({ q: 'paris', query_by: 'address.city', include_fields: 'name,address.city', sort_by: 'address.zip:asc' });
  assert.deepEqual(picked.hits[0].document, { name: 'Ann', address: { city: 'Paris' } });
  const dropped = await people.search({ q: 'paris', query_by: 'address.city', exclude_fields: 'address.zip,pets', sort_by: 'address.zip:asc' });
  assert.deepEqual(dropped.hits[0].document.address, { city: 'Paris' });
  assert.equal(dropped.hits[0].document.pets, undefined);
  const far = await people.search({ q: '*', filter_by: 'address.zip:>20000 && meta.score:>6', facet_by: 'address.city' });
  assert.deepEqual(far.hits.map((h) => h.document.id), ['3']);
  assert.deepEqual(far.facet_counts[0].counts.map((c) => c.value), ['Paris Nord']);
  assert.deepEqual((await people.search({ q: 'dog', query_by: 'pets.kind' })).hits.map((h) => h.document.id), ['1']);
  assert.equal((await people.search({ q: '*', filter_by: 'pets.age:>4' })).found, 1);
  // `pets.{...}`: both conditions on one and the same pet (Ann's cat is 3, her dog 5).
  assert.equal((await people.search({ q: '*', filter_by: 'pets.{kind:=cat && age:>4}' })).found, 0);
  assert.deepEqual((await people.search({ q: '*', filter_by: 'pets.{kind:=dog && age:>4}' })).hits.map((h) => h.document.id), ['1']);
  // The object's leaves are listed in the schema, with the object field's settings.
  const fields = (await client.collections('people').retrieve()).fields;
  const city = fields.find((f) => f.name === 'address.city');
  assert.equal(city.type, 'string');
  assert.equal(city.facet, true);
  assert.equal(fields.find((f) => f.name === 'pets.kind').type, 'string[]');
  await client.collections('people').delete();
});
