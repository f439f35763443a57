"""Records Prometheus 2.42 range query results for the evaluator's range oracle test.

Needs Debian's prometheus and promtool 2.42 on PATH. Builds an OpenMetrics file from the
first series group of generate.py (stale markers become gaps: OpenMetrics cannot carry
them), turns it into a TSDB block with `promtool tsdb create-blocks-from openmetrics`,
starts a throwaway server on 127.0.0.1:19391, runs every query of queries.txt and queries-range.txt as a range
query at two step alignments and writes prometheus-range-cases.json beside this script.
"""
import json, os, re, subprocess, tempfile, time, urllib.error, urllib.parse, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(HERE, 'generate.py')).read()
namespace = {'__file__': os.path.join(HERE, 'generate.py')}
exec(source.split('GROUPS = [')[0], namespace)
SERIES = namespace['SERIES']
RANGES = [(0, 1200, 45), (30, 1230, 60)]   # seconds: start, end, step
PORT = 19391

def expand(item):
    if item == '_': return [None]
    if item.startswith('_x'): return [None] * int(item[2:])
    if item == 'stale': return [None]
    m = re.match(r'^([-+]?(?:Inf|NaN|[\d.]+(?:[eE][-+]?\d+)?))(?:([+-])([\d.]+(?:[eE][-+]?\d+)?))?(?:x(\d+))?$', item)
    a = float(m.group(1)); b = float(m.group(3) or 0) * (-1 if m.group(2) == '-' else 1)
    if m.group(4) is None: return [a]
    out, current = [], a
    for _ in range(int(m.group(4)) + 1):
        out.append(current)
        current += b
    return out

def openmetrics():
    families, lines = {}, []
    for s, v in SERIES:
        values = [x for item in v.split() for x in expand(item)]
        families.setdefault(s.split('{')[0], []).append((s, values))
    for name, members in families.items():
        lines.append(f'# TYPE {name} gauge')
        for s, values in members:
            for i, value in enumerate(values):
                if value is None: continue
                text = 'NaN' if value != value else ('+Inf' if value == float('inf') else ('-Inf' if value == float('-inf') else repr(value)))
                lines.append(f"{s.replace(', ', ',').replace('{}', '')} {text} {i * 30}")
    return '\n'.join(lines + ['# EOF']) + '\n'

work = tempfile.mkdtemp()
open(os.path.join(work, 'data.om'), 'w').write(openmetrics())
subprocess.run(['promtool', 'tsdb', 'create-blocks-from', 'openmetrics', 'data.om', 'tsdb'], cwd=work, check=True)
open(os.path.join(work, 'prometheus.yml'), 'w').write('global:\n  scrape_interval: 1m\n')
server = subprocess.Popen(['prometheus', '--config.file=prometheus.yml', '--storage.tsdb.path=tsdb',
                           f'--web.listen-address=127.0.0.1:{PORT}', '--storage.tsdb.retention.time=100000d'],
                          cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    time.sleep(4)
    queries = [l.strip() for name in ('queries.txt', 'queries-range.txt')
               for l in open(os.path.join(HERE, name)) if l.strip() and not l.startswith('#')]
    cases = []
    for q in queries:
        for start, end, step in RANGES:
            url = f'http://127.0.0.1:{PORT}/api/v1/query_range?' + urllib.parse.urlencode(
                {'query': q, 'start': start, 'end': end, 'step': step})
            try:
                body = json.load(urllib.request.urlopen(url))
            except urllib.error.HTTPError as error:
                body = json.load(error)
            case = {'expr': q, 'start': start, 'end': end, 'step': step}
            if body['status'] != 'success':
                case['error'] = body['error']
            else:
                case['result'] = [[json.dumps(r['metric'], sort_keys=True),
                                   [[int(round(t * 1000)), v] for t, v in r['values']]] for r in body['data']['result']]
            cases.append(case)
finally:
    server.terminate()
    server.wait()
series = [[s, v.replace('stale', '_')] for s, v in SERIES]
with open(os.path.join(HERE, 'prometheus-range-cases.json'), 'w') as f:
    f.write('{"interval": "30s", "series": %s, "cases": [\n' % json.dumps(series))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
print(len(cases), 'cases', sum(1 for c in cases if 'error' in c), 'errors')
