// The ops dashboard: reads /ops/api/* and calls its actions. No build step, no dependencies.
'use strict';

const state = { citus: false, flags: [], rules: null };

async function api(method, path) {
  const response = await fetch(path, {
    method,
    headers: method === 'GET' ? {} : { 'X-Ops-Request': '1' },
    credentials: 'same-origin',
  });
  const text = await response.text();
  let body;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { message: text }; }
  if (response.status === 401) { location.href = '/ops/login'; }
  if (!response.ok) { throw new Error((body && body.message) || response.status + ' ' + response.statusText); }
  return body;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ''));
  return node;
}

function show(message, isError) {
  const result = document.getElementById('result');
  result.hidden = false;
  result.className = isError ? 'error' : '';
  result.textContent = message;
}

async function act(question, method, path, done) {
  if (!confirm(question)) return;
  try {
    const body = await api(method, path);
    show(done(body), false);
  } catch (e) {
    show('Failed: ' + e.message, true);
  }
  refreshAll();
}

function bytes(n) {
  if (n == null) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + ' ' + units[i];
}

function when(instant) { return instant ? new Date(instant).toLocaleString() : ''; }

function who(id, name) { return el('span', {}, el('b', {}, id), ' ', name || ''); }

function bar(fraction) {
  const width = Math.min(100, Math.round(fraction * 100));
  const filled = el('span');
  filled.style.width = width + '%'; // through the DOM: the content policy refuses style attributes
  return el('span', { class: 'bar' + (fraction >= 0.8 ? ' hot' : '') }, filled);
}

function renderFlags() {
  const filter = document.getElementById('filter').value.trim().toLowerCase();
  const body = document.querySelector('#flags tbody');
  body.replaceChildren();
  const rows = state.flags.filter(view => !filter || JSON.stringify(view).toLowerCase().includes(filter));
  document.getElementById('no-flags').hidden = state.flags.length > 0;
  for (const view of rows) {
    const flag = view.flag, job = view.job, placement = view.placement;
    const sender = flag.sender_id;
    const actions = el('td');
    if (!flag.lifted_at) {
      actions.append(el('button', { class: 'lift', type: 'button', onclick: () => act(
        'Lift the throttle of user ' + sender + '?', 'POST', '/ops/api/senders/' + sender + '/lift',
        () => 'Lifted the throttle of user ' + sender + '.') }, 'Lift throttle'));
    } else {
      actions.append(el('span', { class: 'muted' }, 'lifted ' + when(flag.lifted_at)));
    }
    if (state.citus) {
      actions.append(' ', el('button', { class: 'move citus', type: 'button', onclick: () => {
        const worker = prompt('Move user ' + sender + "'s shard group to which worker (host:port)?");
        if (worker) act('Move user ' + sender + ' to ' + worker + ' and keep it there?', 'POST',
          '/ops/api/senders/' + sender + '/move?worker=' + encodeURIComponent(worker),
          r => 'Move of user ' + sender + ': ' + r.outcome + (r.message ? ' (' + r.message + ')' : ''));
      } }, 'Move…'));
    }
    const jobCell = job ? el('span', { class: 'state-' + job.state }, job.state,
      job.writes_blocked ? el('span', { class: 'writes-blocked' }, ' (writes waited)') : '',
      job.outcome ? el('div', { class: 'outcome small' }, job.outcome) : '',
      job.last_error ? el('div', { class: 'error small' }, job.last_error) : '') : '';
    const size = placement ? placement.shard_group.reduce((sum, s) => sum + s.bytes, 0) : null;
    body.append(el('tr', { 'data-sender': sender, class: flag.lifted_at ? 'lifted' : 'active' },
      el('td', {}, who(sender, view.name)), el('td', {}, flag.rule),
      el('td', {}, flag.observed + ' in ' + flag.window_seconds + ' s'), el('td', {}, when(flag.flagged_at)),
      el('td', {}, jobCell),
      el('td', { class: 'citus' }, placement ? placement.shard_id + (placement.isolated ? ' (alone)' : '') : ''),
      el('td', { class: 'citus' }, placement && placement.node ? placement.node.host + ':' + placement.node.port : ''),
      el('td', { class: 'citus' }, bytes(size)), actions));
  }
}

async function refreshFlags() {
  state.flags = await api('GET', '/ops/api/flags');
  renderFlags();
}

async function refreshHeavy() {
  const heavy = await api('GET', '/ops/api/heavy-senders?limit=20');
  const body = document.querySelector('#heavy tbody');
  body.replaceChildren();
  document.getElementById('no-heavy').hidden = heavy.length > 0;
  for (const h of heavy) {
    const isolate = state.citus ? el('button', { class: 'isolate', type: 'button', onclick: () => act(
      'Isolate user ' + h.sender_id + ' onto a shard of its own now?', 'POST',
      '/ops/api/senders/' + h.sender_id + '/isolate', job => 'Isolation job ' + job.id + ' requested.') },
      'Isolate now') : '';
    body.append(el('tr', { 'data-sender': h.sender_id }, el('td', {}, who(h.sender_id, h.name)),
      el('td', {}, bar(h.messages_of_limit), h.messages + ' (' + Math.round(h.messages_of_limit * 100) + '%)'),
      el('td', {}, bar(h.recipients_of_limit), h.recipients + ' (' + Math.round(h.recipients_of_limit * 100) + '%)'),
      el('td', {}, when(h.newest)), el('td', {}, isolate)));
  }
}

function drawChart(nodes) {
  const svg = document.getElementById('chart');
  svg.replaceChildren();
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...nodes.map(n => n.shard_count));
  const width = Math.max(60, Math.floor(560 / Math.max(1, nodes.length)));
  nodes.forEach((n, i) => {
    const height = Math.round(120 * n.shard_count / max);
    const x = 40 + i * width;
    const rect = document.createElementNS(ns, 'rect');
    Object.entries({ x, y: 140 - height, width: width - 16, height, fill: n.dedicated ? '#d64' : '#36c' })
      .forEach(([k, v]) => rect.setAttribute(k, v));
    const count = document.createElementNS(ns, 'text');
    Object.entries({ x: x + 2, y: 135 - height, 'font-size': 11 }).forEach(([k, v]) => count.setAttribute(k, v));
    count.textContent = n.shard_count + ' shards, ' + bytes(n.bytes);
    const label = document.createElementNS(ns, 'text');
    Object.entries({ x, y: 158, 'font-size': 11 }).forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = n.node + (n.coordinator ? ' (coordinator)' : n.dedicated ? ' (dedicated)' : '');
    svg.append(rect, count, label);
  });
}

async function refreshCluster() {
  const cluster = await api('GET', '/ops/api/cluster');
  state.citus = cluster.citus;
  document.body.classList.toggle('single', !cluster.citus);
  const mode = document.getElementById('mode');
  mode.textContent = cluster.citus ? 'Citus cluster' : 'single-node PostgreSQL';
  mode.className = 'badge' + (cluster.citus ? '' : ' single');
  document.getElementById('cluster-message').textContent = cluster.citus ? '' : cluster.message;
  if (!cluster.citus) return;
  const body = document.querySelector('#nodes tbody');
  body.replaceChildren(...cluster.nodes.map(n => el('tr', {}, el('td', {}, n.node),
    el('td', {}, n.coordinator ? 'coordinator' : n.dedicated ? 'dedicated worker' : 'worker'),
    el('td', {}, n.shard_count), el('td', {}, bytes(n.bytes)))));
  drawChart(cluster.nodes);
  const r = cluster.rebalance;
  document.getElementById('rebalance').textContent = r
    ? 'Rebalance ' + r.job_id + ': ' + r.state + (r.moves && r.moves.length
      ? ', moving ' + r.moves.map(m => m.table + ' ' + m.shard_id + ' ' + m.progress + '%').join(', ') : '')
    : 'No rebalance has run.';
}

function millis(value) { return value == null ? '–' : value < 10 ? value.toFixed(1) + ' ms' : Math.round(value) + ' ms'; }

async function refreshWriterLatency() {
  const latency = await api('GET', '/ops/api/writer-latency');
  document.getElementById('writer-latency').hidden = !latency.shown;
  if (!latency.shown) return;
  document.getElementById('latency-p50').textContent = millis(latency.p50_ms);
  document.getElementById('latency-p99').textContent = millis(latency.p99_ms);
  document.getElementById('latency-count').textContent = latency.messages ?? '?';
  document.getElementById('latency-message').textContent = latency.message ? '(' + latency.message + ')' : '';
}

async function refreshAll() {
  try {
    await refreshCluster();
    await Promise.all([refreshFlags(), refreshHeavy(), refreshWriterLatency()]);
  } catch (e) {
    show('Could not load: ' + e.message, true);
  }
}

async function loadRules() {
  const rules = await api('GET', '/ops/api/rules');
  document.getElementById('rules').textContent = 'rules: > ' + rules.max_messages + ' messages or > '
    + rules.max_recipients + ' recipients in ' + rules.window_seconds + ' s';
}

document.getElementById('filter').addEventListener('input', renderFlags);
document.getElementById('start-rebalance').addEventListener('click', () => act(
  'Start a background rebalance of the cluster? Pinned tenants stay where they are.', 'POST',
  '/ops/api/rebalance', job => 'Rebalance ' + job.job_id + ': ' + job.outcome + (job.message ? ' (' + job.message + ')' : '')));
loadRules();
refreshAll();
setInterval(() => refreshHeavy().catch(() => {}), 2000);
setInterval(() => refreshAll(), 10000);
