// Midcoast dashboard: plain JavaScript over the public API; nothing here that the API lacks.
const $ = (id) => document.getElementById(id);
let cursor = null;

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (cls) td.className = cls;
  return td;
}

function dollars(cents) {
  return cents == null ? '' : '$' + Math.round(cents / 100).toLocaleString('en-US');
}

async function health() {
  try {
    const res = await fetch('/health/ready');
    const body = await res.json();
    $('health').textContent = res.ok ? 'ready' : 'not ready: ' + body.streams;
    $('health').className = 'badge ' + (res.ok ? 'up' : 'down');
  } catch (e) {
    $('health').textContent = 'unreachable';
    $('health').className = 'badge down';
  }
}

function parseMetrics(text) {
  const stages = {}, reasons = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^midcoast_records_(in|out|dead_lettered)_total\{([^}]*)\} ([0-9.eE+-]+)/);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    const s = (stages[labels.stage] ??= { in: 0, out: 0, dlq: 0 });
    const value = Number(m[3]);
    if (m[1] === 'in') s.in += value;
    else if (m[1] === 'out') s.out += value;
    else { s.dlq += value; reasons.push([labels.stage, labels.reason, value]); }
  }
  return { stages, reasons };
}

async function metrics() {
  const text = await (await fetch('/metrics')).text();
  const { stages, reasons } = parseMetrics(text);
  const order = ['collect', 'process', 'validate', 'resolve', 'store'];
  const body = $('stages').tBodies[0];
  body.replaceChildren(...order.filter((s) => stages[s]).map((s) => {
    const tr = document.createElement('tr');
    tr.append(cell(s), cell(stages[s].in, 'num'), cell(stages[s].out, 'num'), cell(stages[s].dlq, 'num'));
    return tr;
  }));
  $('reasons').tBodies[0].replaceChildren(...reasons.map(([stage, reason, n]) => {
    const tr = document.createElement('tr');
    tr.append(cell(stage), cell(reason), cell(n, 'num'));
    return tr;
  }));
}

async function properties(reset) {
  if (reset) { cursor = null; $('properties').tBodies[0].replaceChildren(); }
  const params = new URLSearchParams({ limit: '50' });
  const type = $('regionType').value, id = $('regionId').value.trim();
  if (type && id) params.set('region', type + ':' + id);
  if (cursor) params.set('cursor', cursor);
  const res = await fetch('/api/v1/properties?' + params);
  if (!res.ok) { $('detail').textContent = JSON.stringify(await res.json(), null, 2); return; }
  const page = await res.json();
  for (const p of page.items) {
    const tr = document.createElement('tr');
    tr.className = 'row';
    tr.append(cell(p.propertyId), cell(p.address?.subdivision), cell(p.listing?.standardStatus),
      cell(p.lastSale?.closeDate), cell(dollars(p.lastSale?.closePriceCents), 'num'),
      cell(p.characteristics?.livingAreaSqft, 'num'));
    tr.onclick = () => detail(p.propertyId);
    $('properties').tBodies[0].append(tr);
  }
  cursor = page.nextCursor;
  $('more').hidden = !cursor;
}

async function detail(id) {
  const res = await fetch('/api/v1/properties/' + encodeURIComponent(id));
  $('detail').textContent = JSON.stringify(await res.json(), null, 2);
}

$('filter').onsubmit = (e) => { e.preventDefault(); properties(true); };
$('more').onclick = () => properties(false);
health(); metrics(); properties(true);
setInterval(() => { health(); metrics(); }, 3000);
