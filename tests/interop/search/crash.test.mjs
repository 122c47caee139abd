// Durability: homeport is killed with SIGKILL while typesense clients import, upsert and delete
// in parallel, then restarted on the same data dir. Every document in an acknowledged import is
// there, with the body of its last acknowledged write or a later one that was in flight, every
// acknowledged delete stays deleted, nothing that was never sent appears, and the rebuilt index
// finds exactly the documents the collection holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { typesenseClient } from './typesense-client.mjs';
import { startHomeport } from '../lib/homeport.mjs';
import { sleep } from '../lib/wait.mjs';

const BATCH = 25;

function makeClient(homeport) {
  return typesenseClient(homeport, { timeoutSeconds: 30 });
}

test('writes acknowledged before a SIGKILL are there after the restart, deletes stay deleted', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeport-search-crash-'));
  const options = { disable: ['channels', 'errors', 'storage', 'inference'], dataDir };
  try {
    let homeport = await startHomeport(options);
    await homeport.settled();
    await makeClient(homeport).collections().create({
      name: 'notes',
      fields: [{ name: 'title', type: 'string' }, { name: 'round', type: 'int32' }],
    });

    const sent = new Map();       // id -> rounds sent (acknowledged or not)
    const acknowledged = new Map(); // id -> last acknowledged round
    const deleting = new Set();   // ids whose delete was sent (never written again)
    const deleted = new Set();    // ids whose delete was acknowledged
    let acknowledgedDocs = 0;
    let killed = false;
    let failure = null; // a write refused before the kill ends the wait below
    const note = (id, round) => {
      if (!sent.has(id)) sent.set(id, new Set());
      sent.get(id).add(round);
      return { id, title: `note ${id} round ${round}`, round };
    };
    // Workers 0-2 import new documents; worker 3 upserts a fixed set over and over; worker 4
    // deletes documents worker 0 had acknowledged.
    const worker = async (w) => {
      const client = makeClient(homeport);
      const docs = client.collections('notes').documents();
      for (let round = 0; !killed; round++) {
        try {
          if (w <= 2) {
            const batch = Array.from({ length: BATCH }, (_, i) => note(`w${w}-${round}-${i}`, round));
            await docs.import(batch, { action: 'create' });
            if (killed) return;
            for (const d of batch) acknowledged.set(d.id, d.round);
            acknowledgedDocs += batch.length;
          } else if (w === 3) {
            const batch = Array.from({ length: 5 }, (_, i) => note(`shared-${i}`, round));
            await docs.import(batch, { action: 'upsert' });
            if (killed) return;
            for (const d of batch) acknowledged.set(d.id, d.round);
          } else {
            const id = `w0-${round}-0`;
            if (!acknowledged.has(id)) {
              await sleep(2);
              round--;
              continue;
            }
            deleting.add(id);
            await client.collections('notes').documents(id).delete();
            if (killed) return;
            deleted.add(id);
          }
        } catch (error) {
          if (!killed) failure = error;
          return;
        }
      }
    };
    const workers = [0, 1, 2, 3, 4].map(worker);
    // Kill once enough writes were acknowledged, while more are in flight.
    while (!failure && (acknowledgedDocs < 1500 || deleted.size < 3)) await sleep(5);
    if (failure) {
      killed = true;
      await Promise.all(workers);
      await homeport.kill();
      throw failure;
    }
    killed = true; // from here on, failures are the crash and late answers are not counted
    await homeport.kill();
    await Promise.all(workers);

    homeport = await startHomeport(options);
    await homeport.settled();
    const client = makeClient(homeport);
    const exported = (await client.collections('notes').documents().export()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const held = new Map(exported.map((d) => [d.id, d]));
    assert.equal(held.size, exported.length, 'one line per document');
    for (const [id, doc] of held) {
      assert.ok(sent.has(id), `${id} was never sent`);
      assert.ok(sent.get(id).has(doc.round), `${id} holds round ${doc.round}, never sent for it`);
      assert.equal(doc.title, `note ${id} round ${doc.round}`);
      assert.ok(!deleted.has(id), `${id} came back after its delete was acknowledged`);
    }
    for (const [id, round] of acknowledged) {
      if (deleting.has(id)) continue; // a delete in flight at the kill may have been kept
      assert.ok(held.has(id), `acknowledged ${id} was lost`);
      assert.ok(held.get(id).round >= round, `${id} went back from round ${round} to ${held.get(id).round}`);
    }
    // The index was rebuilt from what was kept: searches find exactly those documents.
    assert.equal((await client.collections('notes').retrieve()).num_documents, held.size);
    const all = await client.collections('notes').documents().search({ q: 'note', query_by: 'title', per_page: 1 });
    assert.equal(all.found, held.size);
    const shared = await client.collections('notes').documents().search({ q: 'shared', query_by: 'title', per_page: 10 });
    assert.deepEqual(shared.hits.map((h) => h.document.id).sort(), [...held.keys()].filter((id) => id.startsWith('shared-')).sort());
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
