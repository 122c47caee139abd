// Searches from several typesense clients at once while another client imports: searches run on
// the service's reader threads beside each other, writes alone (services/search/reader_pool.h).
// Every answer must be one consistent state between two writes: no errors, an import request
// seen whole or not at all, the newest visible document ranked first on a tie, facet counts that
// add up to `found`, both halves of one multi_search agreeing, and every import acknowledged
// before a search was sent visible to it (counts never go back). No timing is asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { typesenseClient } from './typesense-client.mjs';
import { startHomeport } from '../lib/homeport.mjs';

const BATCHES = 40;
const BATCH = 250;
const SEARCHERS = 4;
const GROUPS = ['red', 'green', 'blue', 'amber', 'violet'];

let homeport;

function makeClient() {
  return typesenseClient(homeport, { timeoutSeconds: 30 });
}

function documentAt(n) {
  const group = GROUPS[n % GROUPS.length];
  return { id: `d${n}`, title: `book number ${n}`, code: `alpha${group}omega`, group, n };
}

before(async () => {
  // Three readers, more than the two cores, so searches overlap even when the machine is busy.
  homeport = await startHomeport({
    disable: ['channels', 'errors', 'storage', 'inference'],
    extraEnv: { HOMEPORT_SEARCH_READER_THREADS: '3' },
  });
  await homeport.settled();
  await makeClient().collections().create({
    name: 'shelf',
    fields: [
      { name: 'title', type: 'string' },
      { name: 'code', type: 'string', infix: true },
      { name: 'group', type: 'string', facet: true },
      { name: 'n', type: 'int32' },
    ],
  });
});

after(async () => {
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

// One state's worth of checks on a search answer whose hits hold every `every`-th document
// (n % every == first % every); returns the number of documents that state holds.
function checkAnswer(answer, what, every = 1, first = 0) {
  const { found } = answer;
  const total = found * every;
  assert.equal(total % BATCH, 0, `${what}: found ${found} is part of an import request`);
  assert.equal(answer.hits.length, Math.min(5, found), `${what}: hits on the page`);
  if (found > 0) {
    // All tie on text match: later insertion first, so the top hit is the newest visible one.
    assert.equal(answer.hits[0].document.n, total - every + first, `${what}: newest document first`);
    for (let i = 1; i < answer.hits.length; ++i)
      assert.equal(answer.hits[i].document.n, answer.hits[i - 1].document.n - every, `${what}: ties by insertion`);
  }
  return total;
}

test('searches beside an import see whole, acknowledged writes only', async () => {
  let acknowledged = 0; // documents in import requests answered so far
  let importing = true;

  const importer = (async () => {
    const client = makeClient();
    try {
      for (let b = 0; b < BATCHES; ++b) {
        const docs = Array.from({ length: BATCH }, (_, i) => documentAt(b * BATCH + i));
        const results = await client.collections('shelf').documents().import(docs, { action: 'create' });
        assert.equal(results.filter((r) => r.success).length, BATCH, JSON.stringify(results.find((r) => !r.success)));
        acknowledged += BATCH;
      }
    } finally {
      importing = false;
    }
  })();

  // Each round sends one search of each kind and a document read, one after another.
  const searcher = async (index) => {
    const client = makeClient();
    const shelf = client.collections('shelf').documents();
    let last = 0;
    for (let rounds = 1; ; ++rounds) {
      const lastRound = !importing; // the import was answered before this round
      for (let kind = 0; kind < 4; ++kind) {
        const floor = acknowledged; // acknowledged before the request below is sent
        let total;
        if (kind === 0) {
          total = checkAnswer(await shelf.search({ q: 'book', query_by: 'title', per_page: 5 }), 'words');
        } else if (kind === 1) {
          total = checkAnswer(await shelf.search({ q: 'boko', query_by: 'title', per_page: 5 }), 'typo');
        } else if (kind === 2) {
          // Only the green documents (n % 5 == 1) hold "phagr" inside their code.
          total = checkAnswer(await shelf.search({
            q: 'phagr', query_by: 'code', infix: 'always', filter_by: 'n:>=0', per_page: 5,
          }), 'infix', GROUPS.length, 1);
        } else {
          const { results } = await client.multiSearch.perform({
            searches: [
              { collection: 'shelf', q: 'book', query_by: 'title', per_page: 5 },
              { collection: 'shelf', q: '*', filter_by: 'n:>=0', facet_by: 'group', per_page: 5 },
            ],
          });
          for (const r of results) assert.equal(r.error, undefined, JSON.stringify(r));
          total = checkAnswer(results[0], 'multi_search words');
          assert.equal(results[1].found, total, 'both searches of one multi_search see one state');
          const counted = results[1].facet_counts[0].counts.reduce((sum, c) => sum + c.count, 0);
          assert.equal(counted, total, 'facet counts add up to found');
        }
        assert.ok(total >= floor, `searcher ${index}, kind ${kind}: ${total} documents seen, ${floor} acknowledged before the search`);
        assert.ok(total >= last, `searcher ${index}: ${total} documents seen after ${last}`);
        last = total;
      }
      if (last > 0) {
        const n = Math.floor(Math.random() * last);
        const doc = await client.collections('shelf').documents(`d${n}`).retrieve();
        assert.equal(doc.n, n, 'a document a search saw reads back');
      }
      if (lastRound) return { last, rounds };
    }
  };

  const outcomes = await Promise.all([importer, ...Array.from({ length: SEARCHERS }, (_, i) => searcher(i))]);
  const total = BATCHES * BATCH;
  for (const outcome of outcomes.slice(1))
    assert.equal(outcome.last, total, 'the last search sees every document');

  // After the import: the whole collection in one answer of each kind.
  const shelf = makeClient().collections('shelf').documents();
  const words = await shelf.search({ q: 'book', query_by: 'title', facet_by: 'group', per_page: 5 });
  assert.equal(checkAnswer(words, 'final words'), total);
  assert.deepEqual(words.facet_counts[0].counts.map((c) => c.count), GROUPS.map(() => total / GROUPS.length));
  const infix = await shelf.search({ q: 'phagr', query_by: 'code', infix: 'always', per_page: 5 });
  assert.equal(infix.found, total / GROUPS.length, 'infix: the green fifth');
});
