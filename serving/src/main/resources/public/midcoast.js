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
  valuation(id);
}

function dollars(cents) {
  return cents == null ? '–' : '$' + Math.round(cents / 100).toLocaleString('en-US');
}

function factorList(factors, format) {
  return (factors || []).map(f => f.name + ' ' + format(f.effect)).join(', ');
}

// The property's estimate (80% interval, model, factors) and scores, when it has them.
async function valuation(id) {
  const box = $('valuation');
  box.textContent = '';
  const [est, score] = await Promise.all([
    fetch('/api/v1/estimates/' + encodeURIComponent(id)).then(r => r.ok ? r.json() : null),
    fetch('/api/v1/scores/' + encodeURIComponent(id)).then(r => r.ok ? r.json() : null)]);
  const lines = [];
  if (est) {
    const pct = e => (e >= 0 ? '+' : '') + (100 * e).toFixed(1) + '%';
    lines.push('Estimate ' + dollars(est.estimateCents) + ' (80%: ' + dollars(est.lowCents) + ' – '
      + dollars(est.highCents) + ') as of ' + est.asOf + ', ' + est.modelId + ' ' + est.modelVersion);
    lines.push('  factors: ' + factorList(est.factors, pct));
  }
  if (score) {
    const pts = e => (e >= 0 ? '+' : '') + e.toFixed(1);
    lines.push('Scores: investment ' + score.investment + ', risk ' + score.risk
      + ', development ' + score.development);
    lines.push('  investment: ' + factorList(score.investmentFactors, pts));
    lines.push('  risk: ' + factorList(score.riskFactors, pts));
    lines.push('  development: ' + factorList(score.developmentFactors, pts));
  }
  const pre = document.createElement('pre');
  pre.textContent = lines.length ? lines.join('\n') : 'no estimate yet';
  box.appendChild(pre);
}

// Overall live accuracy (GET /api/v1/accuracy/all), refreshed with the pipeline counters.
async function accuracy() {
  const res = await fetch('/api/v1/accuracy/all');
  if (!res.ok) return;
  const a = await res.json();
  const pct = bps => bps == null ? '–' : (bps / 100).toFixed(1) + '%';
  $('accuracy').textContent = 'MdAPE ' + pct(a.mdapeBps) + ' over ' + a.samples
    + ' closes to ' + a.windowEnd + '; within 5/10/20%: ' + pct(a.within5Bps) + ' / '
    + pct(a.within10Bps) + ' / ' + pct(a.within20Bps)
    + (a.inIntervalBps == null ? '' : '; inside the 80% interval: ' + pct(a.inIntervalBps));
}

let trendChart = null;

function ratio(value, scale, digits) {
  return value == null ? '' : (value / scale).toFixed(digits);
}

// The trend view shown: its canonical WebSocket channel, month bounds and cells (oldest first).
let trendView = null;

async function trends() {
  const type = $('trendType').value, id = $('trendId').value.trim();
  if (!id) return;
  const params = new URLSearchParams();
  const from = $('trendFrom').value.trim(), to = $('trendTo').value.trim();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const res = await fetch('/api/v1/trends/' + type + '/' + encodeURIComponent(id) + '?' + params);
  const body = await res.json();
  if (!res.ok) { $('detail').textContent = JSON.stringify(body, null, 2); return; }
  // the answer names the region canonically (cities upper case), as the channel does
  trendView = { channel: 'trends:' + body.regionType + ':' + body.regionId, from, to, months: body.months };
  liveSubscribe(trendView.channel);
  renderTrends();
}

function renderTrends() {
  const months = trendView.months;
  $('trends').tBodies[0].replaceChildren(...months.map((m) => {
    const tr = document.createElement('tr');
    tr.append(cell(m.month), cell(m.closedSales, 'num'), cell(dollars(m.medianClosePriceCents), 'num'),
      cell(dollars(m.meanClosePriceCents), 'num'),
      cell(m.medianPricePerSqftCents == null ? '' : '$' + ratio(m.medianPricePerSqftCents, 100, 2), 'num'),
      cell(m.newListings, 'num'), cell(m.activeInventoryMonthEnd, 'num'), cell(m.medianDaysOnMarket, 'num'),
      cell(m.medianSaleToListRatioBps == null ? '' : ratio(m.medianSaleToListRatioBps, 100, 2) + '%', 'num'),
      cell(ratio(m.monthsOfSupplyHundredths, 100, 2), 'num'));
    return tr;
  }));
  if (typeof Chart === 'undefined') return; // chart library unavailable: the table still shows
  const data = {
    labels: months.map((m) => m.month),
    datasets: [
      { label: 'median price ($)', yAxisID: 'price',
        data: months.map((m) => m.medianClosePriceCents == null ? null : m.medianClosePriceCents / 100) },
      { label: 'closed sales', yAxisID: 'count', type: 'bar',
        data: months.map((m) => m.closedSales) },
    ],
  };
  if (trendChart) { trendChart.data = data; trendChart.update(); return; }
  trendChart = new Chart($('trendChart'), {
    type: 'line', data,
    options: { maintainAspectRatio: false, animation: false,
      scales: { price: { position: 'left' }, count: { position: 'right', grid: { drawOnChartArea: false } } } },
  });
}

// Live updates over WS /ws: the trend view subscribes to its region's channel; every pushed cell
// (key "<regionType>:<regionId>:<YYYY-MM>", data null when the month no longer has data) updates it.
const live = { socket: null, channel: null, retryMs: 1000 };

function showLive(on, title) {
  $('trendLive').textContent = on ? 'live' : 'offline';
  $('trendLive').className = 'badge ' + (on ? 'up' : '');
  $('trendLive').title = title;
}

function liveSend(message) {
  if (live.socket?.readyState === WebSocket.OPEN) live.socket.send(JSON.stringify(message));
}

function liveSubscribe(channel) {
  if (live.channel === channel) return;
  if (live.channel) liveSend({ action: 'unsubscribe', channel: live.channel });
  live.channel = channel;
  showLive(false, 'subscribing to ' + channel);
  liveSend({ action: 'subscribe', channel });
}

function liveConnect() {
  if (typeof WebSocket === 'undefined') { showLive(false, 'no WebSocket in this browser'); return; }
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  live.socket = socket;
  socket.onopen = () => {
    live.retryMs = 1000;
    if (live.channel) liveSend({ action: 'subscribe', channel: live.channel });
  };
  socket.onmessage = (e) => onLive(JSON.parse(e.data));
  socket.onclose = () => {
    live.socket = null;
    showLive(false, 'disconnected; reconnecting');
    setTimeout(liveConnect, live.retryMs);
    live.retryMs = Math.min(live.retryMs * 2, 30000);
  };
}

function onLive(msg) {
  if (msg.type === 'subscribed' && msg.channel === live.channel) {
    showLive(true, 'updates of ' + msg.channel + ' arrive as they happen');
  } else if (msg.type === 'error') {
    if (msg.channel === live.channel) showLive(false, msg.detail);
    console.warn('live updates:', msg.title, msg.detail);
  } else if (msg.type === 'update' && trendView && msg.channel === trendView.channel) {
    const month = msg.key.slice(msg.key.lastIndexOf(':') + 1);
    if ((trendView.from && month < trendView.from) || (trendView.to && month > trendView.to)) return;
    const months = trendView.months.filter((m) => m.month !== month);
    if (msg.data) months.push(msg.data);
    months.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    trendView.months = months;
    renderTrends();
  }
}

$('trendFilter').onsubmit = (e) => { e.preventDefault(); trends(); };
$('filter').onsubmit = (e) => { e.preventDefault(); properties(true); };
$('more').onclick = () => properties(false);
health(); metrics(); properties(true); trends(); liveConnect();
setInterval(() => { health(); metrics(); accuracy(); }, 3000);

// Leads: the top current scores (GET /api/v1/leads, sorted here by probability) and the published
// models (GET /api/v1/models) with the operator's promote command; both refresh every 3 s.
function topFactors(factors) {
  return (factors || [])
    .slice()
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 3)
    .map((f) => f.feature + (f.contribution >= 0 ? ' +' : ' ') + f.contribution.toFixed(2))
    .join(', ');
}

async function leads() {
  const params = new URLSearchParams({ limit: '500' });
  const agent = $('leadAgent').value.trim();
  const minScore = $('leadMinScore').value.trim();
  if (agent) params.set('agentId', agent);
  if (minScore) params.set('minScore', minScore);
  try {
    const res = await fetch('/api/v1/leads?' + params);
    const body = await res.json();
    if (!res.ok) { $('leadsInfo').textContent = body.detail || res.status; return; }
    const items = body.items.sort((a, b) => b.probability - a.probability).slice(0, 20);
    $('leadsInfo').textContent = body.items.length + (body.nextCursor ? '+' : '') + ' leads';
    $('leadsInfo').className = 'badge up';
    const tbody = $('leads').querySelector('tbody');
    tbody.replaceChildren();
    for (const s of items) {
      const tr = document.createElement('tr');
      tr.className = 'row';
      tr.onclick = () => leadDetail(s.leadId);
      tr.append(
        cell(s.leadId),
        cell(s.probability.toFixed(3), 'num'),
        cell(s.agentId),
        cell(s.fallback ? s.modelId + ' (fallback)' : s.modelId + ':' + s.modelVersion),
        cell(s.challengerVersion ? s.challengerVersion + ': ' + s.challengerProbability.toFixed(3) : ''),
        cell(topFactors(s.factors)),
        cell(s.asOf ? s.asOf.slice(0, 16).replace('T', ' ') : ''));
      tbody.append(tr);
    }
  } catch (e) {
    $('leadsInfo').textContent = 'unavailable';
    $('leadsInfo').className = 'badge down';
  }
}

async function leadDetail(id) {
  const res = await fetch('/api/v1/leads/' + encodeURIComponent(id));
  $('detail').textContent = JSON.stringify(await res.json(), null, 2);
}

async function models() {
  try {
    const res = await fetch('/api/v1/models');
    if (!res.ok) return;
    const tbody = $('models').querySelector('tbody');
    tbody.replaceChildren();
    for (const m of (await res.json()).items) {
      const tr = document.createElement('tr');
      const promote = document.createElement('td');
      if (m.stage === 'CHALLENGER' || m.stage === 'RETIRED') {
        const button = document.createElement('button');
        button.textContent = 'promote';
        button.onclick = async () => {
          const r = await fetch('/api/v1/models/' + encodeURIComponent(m.modelId) + '/'
            + encodeURIComponent(m.version) + '/promote', { method: 'POST' });
          if (!r.ok) alert((await r.json()).detail);
          models();
        };
        promote.append(button);
      }
      tr.append(
        cell(m.modelId + ':' + m.version),
        cell(m.stage),
        cell(m.metrics ? m.metrics.auc.toFixed(3) : '', 'num'),
        cell(m.metrics ? m.metrics.logLoss.toFixed(3) : '', 'num'),
        cell(m.metrics ? m.metrics.ece.toFixed(3) : '', 'num'),
        cell(m.trainExamples ?? '', 'num'),
        cell(m.createdAt.slice(0, 19).replace('T', ' ')),
        cell(m.stageReason),
        promote);
      tbody.append(tr);
    }
  } catch (e) {
    console.warn('models:', e);
  }
}

$('leadFilter').onsubmit = (e) => { e.preventDefault(); leads(); };
leads(); models();
setInterval(() => { leads(); models(); }, 3000);
