// The admin listener's /metrics, read by a real Prometheus text-format parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startHomeport } from '../lib/homeport.mjs';

test('Prometheus parses /metrics: service_up per service, request counters, latency histogram', async () => {
  const homeport = await startHomeport({ disable: ['inference'] });
  try {
    await homeport.settled();
    // One request to a running service, so its counters and histogram exist (no key: 401).
    const search = await fetch(`http://127.0.0.1:${homeport.ports.search}/collections`);
    assert.equal(search.status, 401);

    const response = await fetch(`${homeport.admin}/metrics`, { headers: homeport.adminHeaders });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    // The parser throws on any line that is not valid exposition format.
    const families = parsePrometheusTextFormat(text);
    const byName = Object.fromEntries(families.map((f) => [f.name, f]));

    const up = byName.homeport_service_up;
    assert.equal(up.type, 'GAUGE');
    const upByService = Object.fromEntries(up.metrics.map((m) => [m.labels.service, m.value]));
    assert.deepEqual(upByService, { channels: '1', errors: '1', search: '1', storage: '1', inference: '0' });

    const requests = byName.homeport_http_requests_total;
    assert.equal(requests.type, 'COUNTER');
    const search4xx = requests.metrics.find((m) => m.labels.service === 'search' && m.labels.class === '4xx');
    assert.equal(search4xx.value, '1');

    // This parser folds labelled histograms into one sample, so the family type is checked here
    // and the per-service series in the text.
    assert.equal(byName.homeport_http_request_duration_seconds.type, 'HISTOGRAM');
    assert.match(text, /^homeport_http_request_duration_seconds_bucket\{service="search",le="\+Inf"\} 1$/m);
    assert.match(text, /^homeport_http_request_duration_seconds_count\{service="search"\} 1$/m);

    // Without the token nothing is disclosed.
    assert.equal((await fetch(`${homeport.admin}/metrics`)).status, 401);
  } finally {
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  }
});
