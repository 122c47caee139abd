#!/usr/bin/env python3
# Compares the search answers of two homeport binaries byte for byte (search_time_ms aside), for a
# change that must not move them (how the answer is built and written): each starts headless on a
# fresh data directory, imports the first LINES (20000) documents of the corpus with an override
# (metadata) and a synonym, then answers the query mix (bench/search/queries.tsv) under several
# parameter sets (pages, highlight options and tags, include/exclude fields, group_by, facets with
# stats and facet_query, sorting, curation), wildcard queries, a multi_search with failing entries
# and error answers. Prints the first differences and a count; exits 1 when any differ.
#   python3 bench/search/compare_answers.py <baseline homeport> <homeport> <corpus.jsonl> bench/search/queries.tsv
import json, os, re, socket, subprocess, sys, tempfile, time, urllib.request, urllib.parse, shutil
base_bin, new_bin, corpus, mix = sys.argv[1:5]
lines = int(os.environ.get('LINES', '20000'))
def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p
schema = {"name":"packages","fields":[
  {"name":"name","type":"string"},{"name":"summary","type":"string"},{"name":"description","type":"string"},
  {"name":"section","type":"string","facet":True},{"name":"priority","type":"string","facet":True},
  {"name":"maintainer","type":"string","index":False,"optional":True},
  {"name":"installed_size","type":"int32","facet":True},{"name":"version","type":"string","index":False,"optional":True},
  {"name":"tags","type":"string[]","facet":True}]}
body = b''.join(open(corpus,'rb').readlines()[:lines])
servers = []
n = bad = 0
work = tempfile.mkdtemp(prefix='homeport-compare-answers.')
def start(binary, tag):
    d = f'{work}/{tag}'
    sp, ap = free_port(), free_port()
    env = dict(os.environ, HOMEPORT_SEARCH_PORT=str(sp), HOMEPORT_ADMIN_PORT=str(ap), QT_LOGGING_RULES='homeport.http.access.debug=false')
    p = subprocess.Popen([binary, '--headless', '--data-dir', d, '--disable', 'channels,errors,storage,inference'], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers.append(p)
    for _ in range(300):
        try:
            key = json.load(open(f'{d}/secrets.json'))['search']['api_key']
            urllib.request.urlopen(f'http://127.0.0.1:{sp}/health').read()
            break
        except Exception:
            time.sleep(0.1)
    return sp, key
def req(port, key, path, data=None, method=None):
    r = urllib.request.Request(f'http://127.0.0.1:{port}{path}', data=data, method=method, headers={'X-TYPESENSE-API-KEY': key, 'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(r) as f: return f.status, f.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
try:
    a = start(base_bin, 'base'); b = start(new_bin, 'new')
    for port, key in (a, b):
        req(port, key, '/collections', json.dumps(schema).encode())
        st, out = req(port, key, '/collections/packages/documents/import?action=create', body)
        assert st == 200, out[:200]
        # an override with metadata, a synonym
        req(port, key, '/collections/packages/overrides/o1', json.dumps({"rule":{"query":"kernel","match":"exact"},"metadata":{"banner":"k\u00e9rnel"},"includes":[{"id":"5","position":1}]}).encode(), 'PUT')
        req(port, key, '/collections/packages/synonyms/s1', json.dumps({"synonyms":["editor","ide"]}).encode(), 'PUT')
    rows = [l.rstrip('\n').split('\t') for l in open(mix) if l.strip() and not l.startswith('#')]
    variants = ['', 'per_page=30', 'highlight_full_fields=name,summary,description', 'include_fields=name,section', 'exclude_fields=description',
                'group_by=section&group_limit=2', 'highlight_fields=tags,name&highlight_start_tag=%3Cb%20x%3D%22%C3%A9%22%3E&highlight_end_tag=%3C/b%3E',
                'facet_by=section,installed_size&max_facet_values=3', 'page=3&per_page=7', 'sort_by=installed_size:asc', 'pinned_hits=3:2,9:4&hidden_hits=12',
                'prefix=false&num_typos=0', 'facet_by=section&facet_query=section:li']
    strip = re.compile(rb',"search_time_ms":\d+')
    for label, q, flt, facet in rows:
        for v in variants:
            params = {'q': q, 'query_by': 'name,summary,description'}
            if flt: params['filter_by'] = flt
            if facet: params['facet_by'] = facet
            path = '/collections/packages/documents/search?' + urllib.parse.urlencode(params) + ('&' + v if v else '')
            ra, rb_ = req(*a, path), req(*b, path)
            n += 1
            if ra[0] != rb_[0] or strip.sub(b'', ra[1]) != strip.sub(b'', rb_[1]):
                bad += 1
                if bad <= 3: print('DIFF', path, ra[0], rb_[0], '\n', ra[1][:600], '\n', rb_[1][:600])
    for wild in ['q=*&facet_by=section,priority,tags', 'q=*&group_by=priority', 'q=&query_by=name&filter_by=section:=libs&per_page=5']:
        path = '/collections/packages/documents/search?' + wild
        ra, rb_ = req(*a, path), req(*b, path); n += 1
        if strip.sub(b'', ra[1]) != strip.sub(b'', rb_[1]): bad += 1; print('DIFF', path)
    ms = json.dumps({"searches":[{"collection":"packages","q":"python","query_by":"name"},{"collection":"nope","q":"x"},{"q":"x"},
                                 {"collection":"packages","q":"kernel","query_by":"name,description"},{"collection":"packages","q":"x","query_by":"nofield"}]}).encode()
    ra, rb_ = req(*a, '/multi_search', ms), req(*b, '/multi_search', ms); n += 1
    if strip.sub(b'', ra[1]) != strip.sub(b'', rb_[1]): bad += 1; print('DIFF multi', ra[1][:300], rb_[1][:300])
    for path in ['/collections/packages/documents/search?q=x', '/collections/packages/documents/search?q=x&query_by=name&per_page=300', '/collections/nope/documents/search?q=x&query_by=name']:
        ra, rb_ = req(*a, path), req(*b, path); n += 1
        if ra != rb_: bad += 1; print('DIFF', path, ra, rb_)
    print(f'{n} answers compared, {bad} differ')
finally:
    for p in servers: p.terminate()
    for p in servers: p.wait()
    shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if bad else 0)
