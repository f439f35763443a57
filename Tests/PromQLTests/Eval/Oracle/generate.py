"""Records Prometheus 2.42's answers for the evaluator's oracle test.

Run from anywhere with Debian's promtool 2.42 on PATH:
    python3 generate.py
It writes a `promtool test rules` file whose every case expects nothing, runs promtool,
and reads the actual results ("got: ...") or errors ("err: ...") from its report into
promtool-cases.json beside this script. Queries come from queries.txt (one per line);
each is evaluated at every time in TIMES over the SERIES below (30 s apart).
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
EXPRS = [l.strip() for l in open(os.path.join(HERE, 'queries.txt')) if l.strip() and not l.startswith('#')]
TIMES = ['1m30s', '3m', '4m30s', '5m', '10m', '13m', '20m']
tests = []
for e in EXPRS:
    for t in TIMES:
        tests.append((e, t))
def yq(s): return "'" + s.replace("'", "''") + "'"
work = tempfile.mkdtemp()
with open(os.path.join(work, 'rules.yml'),'w') as f: f.write('groups: []\n')
with open(os.path.join(work, 't.yml'),'w') as f:
    f.write('rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 30s\n    input_series:\n')
    for s, v in SERIES:
        f.write(f'      - series: {yq(s)}\n        values: {yq(v)}\n')
    f.write('    promql_expr_test:\n')
    for e, t in tests:
        f.write(f'      - expr: {yq(e)}\n        eval_time: {t}\n        exp_samples: []\n')
p = subprocess.run(['promtool','test','rules','t.yml'], capture_output=True, text=True, cwd=work); out = p.stdout + p.stderr
results = {}
blocks = re.split(r'\n\s*expr: ', out)
for b in blocks[1:]:
    em = re.match(r'"(.*)", time: (\S+), err: ([^\n]*)', b)
    if em:
        results[(json.loads('"' + em.group(1) + '"'), em.group(2))] = ('error', em.group(3).strip())
        continue
    m = re.match(r'"(.*)", time: (\S+),\n(.*)', b, re.S)
    if not m: print('??', b[:200], file=sys.stderr); continue
    expr = json.loads('"' + m.group(1) + '"'); t = m.group(2); rest = m.group(3)
    g = re.search(r'got: (.*)', rest)
    er = re.search(r'err: (.*)', rest)
    if er: results[(expr, t)] = ('error', er.group(1).strip())
    elif g:
        items = re.findall(r'(\{[^}]*\}) (\S+?)(?:,|$)', g.group(1).strip())
        results[(expr, t)] = ('vector', items)
    else: print('??', b[:200], file=sys.stderr)
cases = []
for e, t in tests:
    r = results.get((e, t), ('vector', []))
    cases.append({'expr': e, 'time': t, 'kind': r[0], 'result': r[1]})
json.dump({'series': SERIES, 'cases': cases}, open(os.path.join(HERE, 'promtool-cases.json'),'w'), indent=1)
print(len(cases), 'cases', sum(1 for c in cases if c['kind']=='error'), 'errors', sum(1 for c in cases if c['kind']=='vector' and c['result']), 'non-empty')
