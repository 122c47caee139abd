// The admin listener's /metrics, read by a real Prometheus text-format parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startHomeport } from '../lib/homeport.mjs';
import { until } from '../lib/wait.mjs';

test('Prometheus parses /metrics: service_up per service, request counters, latency histogram', async () => {
  const homeport = await startHomeport({ disable: ['inference'] });
  try {
    const status = await homeport.settled();
    // A service that could not start would fail the service_up check below with no reason.
    for (const service of status.services.filter((s) => s.name !== 'inference')) {
      assert.equal(service.state, 'running', `${service.name}: ${JSON.stringify(service)}\n${homeport.log()}`);
    }
    // One request to a running service, so its counters and histogram exist (no key: 401).
    const search = await fetch(`http://127.0.0.1:${homeport.ports.search}/collections`);
    assert.equal(search.status, 401);

    // The service counts a request on its own thread once the answer is written, which can be
    // just after the client has read it: read /metrics until the search request is in it.
    let response;
    let text;
    let byName;
    await until(async () => {
      response = await fetch(`${homeport.admin}/metrics`, { headers: homeport.adminHeaders });
      text = await response.text();
      if (response.status !== 200) return true; // asserted below
      // The parser throws on any line that is not valid exposition format.
      byName = Object.fromEntries(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
      return byName.homeport_http_requests_total?.metrics.some((m) => m.labels.service === 'search');
    }, 'the search request in /metrics');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);

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
