"""Records Prometheus 2.42's answers for the evaluator's oracle test.

Run from anywhere with Debian's promtool 2.42 on PATH:
    python3 generate.py
It writes a `promtool test rules` file whose every case expects nothing, runs promtool,
and reads the actual results ("got: ...") or errors ("err: ...") from its report into
promtool-cases.json beside this script. Queries come from queries*.txt (one per line);
each is evaluated at every time of its group over that group's series: GROUPS below.
"""
import json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SERIES = [
  ('http_requests_total{job="api", instance="a", code="200"}', '0+10x40'),
  ('http_requests_total{job="api", instance="b", code="500"}', '0+3x15 0+4x24'),
  ('http_requests_total{job="web", instance="a", code="200"}', '5+7x20 _x5 200+1x14'),
  ('temperature{room="kitchen"}', '20 21 19.5 NaN 22 23.25 Inf 21 20 -Inf 19 18 18 17.5 21 22 23 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 -1 -2'),
  ('temperature{room="hall"}', '10 12 11 14 13 16 15 18 17 20 stale 5 6 7 8 9 10 11 12 13 14'),
  ('latency_bucket{le="0.1", job="api"}', '0+1x40'),
  ('latency_bucket{le="0.5", job="api"}', '0+3x40'),
  ('latency_bucket{le="1", job="api"}', '0+4x40'),
  ('latency_bucket{le="+Inf", job="api"}', '0+5x40'),
  ('latency_bucket{le="0.1", job="web"}', '0+2x40'),
  ('latency_bucket{le="1", job="web"}', '0+1x40'),
  ('latency_bucket{le="+Inf", job="web"}', '0+6x40'),
  ('info{job="api", version="1.2"}', '1x40'),
  ('info{job="web", version="2.0"}', '1x40'),
  ('zero{}', '0x40'),
]
TIMES = ['1m30s', '3m', '4m30s', '5m', '10m', '13m', '20m']
# Times are written as promtool prints them back (Go durations: 1m30s, not 90s). promtool
# loads samples only up to the last whole evaluation interval (1m) before the latest time,
# so each group's latest time must be a whole minute past every sample it should see.
SPARSE_SERIES = [
  ('requests_total{path="/a"}', '1 2 3 _ _ _ 7 8 0 1 2 _x20 30 31 stale 40 41'),
  ('requests_total{path="/b"}', '100 _x19 101 _x19 90 91 92'),
  ('gauge{kind="flappy"}', 'NaN 1 NaN 2 stale 3 3 3 stale _ 5'),
  ('gauge{kind="steady"}', '5x60'),
  ('last_seen{job="x"}', '1 _x21 2'),
]
SPARSE_TIMES = ['45s', '2m', '5m15s', '5m30s', '5m31s', '7m', '9m50s', '11m']

# Exact group: results must match promtool bit for bit (it prints shortest round-trip digits).
PRECISE_SERIES = [
  ('big{}', '1e16 1 1 1 1 1e-3 3 -1e16 7 0.1 0.2 0.3'),
  ('tiny{}', '1e-300 2e-300 -3e-300 5e-310 1e-320 0'),
  ('huge{}', '1e308 1e308 -1e308 1.5e308 1e308'),
  ('n{a="1"}', '1e16x12'),
  ('n{a="2"}', '1x12'),
  ('n{a="3"}', '0.1x12'),
  ('n{a="4"}', '-3x12'),
]
PRECISE_TIMES = ['4m', '6m', '11m']

GROUPS = [
    {'interval': '30s', 'series': SERIES, 'queries': 'queries.txt', 'times': TIMES},
    {'interval': '15s', 'series': SPARSE_SERIES, 'queries': 'queries-sparse.txt', 'times': SPARSE_TIMES},
    {'interval': '1m', 'series': PRECISE_SERIES, 'queries': 'queries-precise.txt', 'times': PRECISE_TIMES,
     'exact': True},
]

def yq(s): return "'" + s.replace("'", "''") + "'"

def run_group(group):
    exprs = [l.strip() for l in open(os.path.join(HERE, group['queries'])) if l.strip() and not l.startswith('#')]
    tests = [(e, t) for e in exprs for t in group['times']]
    work = tempfile.mkdtemp()
    with open(os.path.join(work, 'rules.yml'), 'w') as f:
        f.write('groups: []\n')
    with open(os.path.join(work, 't.yml'), 'w') as f:
        f.write('rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n')
        f.write(f"  - interval: {group['interval']}\n    input_series:\n")
        for s, v in group['series']:
            f.write(f'      - series: {yq(s)}\n        values: {yq(v)}\n')
        f.write('    promql_expr_test:\n')
        for e, t in tests:
            f.write(f'      - expr: {yq(e)}\n        eval_time: {t}\n        exp_samples: []\n')
    p = subprocess.run(['promtool', 'test', 'rules', 't.yml'], capture_output=True, text=True, cwd=work)
    out = p.stdout + p.stderr
    results = {}
    for b in re.split(r'\n\s*expr: ', out)[1:]:
        em = re.match(r'"(.*)", time: (\S+), err: ([^\n]*)', b)
        if em:
            results[(json.loads('"' + em.group(1) + '"'), em.group(2))] = ('error', em.group(3).strip())
            continue
        m = re.match(r'"(.*)", time: (\S+),\n(.*)', b, re.S)
        g = m and re.search(r'got: (.*)', m.group(3))
        if not g:
            sys.exit('cannot read promtool output: ' + b[:200])
        items = re.findall(r'(\{[^}]*\}) (\S+?)(?:,|$)', g.group(1).strip())
        results[(json.loads('"' + m.group(1) + '"'), m.group(2))] = ('vector', items)
    # Cases promtool does not mention passed, i.e. returned nothing.
    cases = [{'expr': e, 'time': t, 'kind': results.get((e, t), ('vector', []))[0],
              'result': results.get((e, t), ('vector', []))[1]} for e, t in tests]
    missing = [k for k in results if k not in set(tests)]
    if missing:
        sys.exit(f'promtool printed unknown cases (time spelling?): {missing[:3]}')
    return {'interval': group['interval'], 'series': group['series'], 'exact': group.get('exact', False),
            'cases': cases}

groups = [run_group(g) for g in GROUPS]
# One case per line keeps the file small and its diffs readable.
with open(os.path.join(HERE, 'promtool-cases.json'), 'w') as f:
    f.write('{"groups": [\n')
    for gi, g in enumerate(groups):
        f.write('{"interval": %s, "exact": %s, "series": %s, "cases": [\n'
                % (json.dumps(g['interval']), json.dumps(g['exact']), json.dumps(g['series'])))
        f.write(',\n'.join(json.dumps(c) for c in g['cases']))
        f.write('\n]}' + (',' if gi + 1 < len(groups) else '') + '\n')
    f.write(']}\n')
for g in groups:
    cases = g['cases']
    print(g['interval'], len(cases), 'cases', sum(1 for c in cases if c['kind'] == 'error'), 'errors')
