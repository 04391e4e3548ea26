// chaingraph map page: draws the county map from /map/regions.geojson, colours it from
// GetLinkMap, and shows a region's profile, 补链 row and investment leads on click. It talks to
// the service's JSON over HTTP (Connect protocol) only; no framework, no build step.
'use strict';

const API = 'chaingraph.v1.ChainGraphService/';
const LEVELS = { county: 'REGION_LEVEL_COUNTY', prefecture: 'REGION_LEVEL_PREFECTURE' };
const STATUS_TEXT = {
  LINK_STATUS_HAS: '有该环节',
  LINK_STATUS_LACKS: '缺（本地下游有需求）',
  LINK_STATUS_NO_DEMAND: '无需求',
  LINK_STATUS_CHAIN_HOLDER: '整链持有（规划未说明具体环节，不作判断）',
  NOT_ANSWERED: '不在所选范围',
};
const STAGE_TEXT = { STAGE_UPSTREAM: '上游', STAGE_MIDSTREAM: '中游', STAGE_DOWNSTREAM: '下游' };
const LEVEL_TEXT = { REGION_LEVEL_PROVINCE: '省', REGION_LEVEL_PREFECTURE: '市州', REGION_LEVEL_COUNTY: '县级单位' };
const SVG_NS = 'http://www.w3.org/2000/svg';
const MAP_WIDTH = 1000;

// What the page shows; mirrored in the URL query so a view can be sent to a colleague.
const state = { chain: '', link: '', level: 'county', scope: '', region: '', belt: '' };
// What the page has loaded.
const data = {
  chains: [], links: [],
  prefectureIds: new Set(),   // prefecture-level cities and autonomous prefectures
  features: new Map(),        // region id → GeoJSON feature (county level)
  shapes: new Map(),          // region id → its <path> or <circle>
  beltSelected: '',           // the overlay's belt while the overlay is switched off
};
const $ = (id) => document.getElementById(id);

// ---- calling the API ----

class ApiError extends Error {
  constructor(message, details) { super(message); this.details = details || []; }

  // dataChanged: a page token refused because a load replaced the data between pages (the
  // service's google.rpc.ErrorInfo reason DATA_CHANGED, which is plain text in the detail's bytes).
  get dataChanged() {
    return this.details.some((d) => d.type === 'google.rpc.ErrorInfo' && atob(d.value || '').includes('DATA_CHANGED'));
  }
}

// A service run with --auth-tokens answers 401 without a bearer token: the page then asks for
// one once and keeps it for this tab only (sessionStorage), sending it with every request.
const TOKEN_KEY = 'chaingraph.token';
async function authFetch(url, init = {}) {
  for (let attempt = 0; ; attempt++) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = { ...(init.headers || {}) };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(url, { ...init, headers });
    if (res.status !== 401 || attempt > 0) return res;
    if (sessionStorage.getItem(TOKEN_KEY) !== token) continue; // another request just asked
    const entered = window.prompt('此服务需要访问令牌（token）：');
    if (!entered) return res;
    sessionStorage.setItem(TOKEN_KEY, entered.trim());
  }
}

// downloadWithToken saves an export through authFetch, since a plain link cannot carry the token.
async function downloadWithToken(event) {
  if (!sessionStorage.getItem(TOKEN_KEY)) return; // no auth in use: the link works as it is
  event.preventDefault();
  const a = event.currentTarget;
  const res = await authFetch(a.getAttribute('href'));
  if (!res.ok) { showError('下载', new ApiError(`HTTP ${res.status}`)); return; }
  const url = URL.createObjectURL(await res.blob());
  const name = a.getAttribute('href').split('?')[0].split('/').pop();
  const tmp = h('a', { href: url, download: name });
  document.body.append(tmp);
  tmp.click();
  tmp.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function call(method, request) {
  let res;
  try {
    res = await authFetch(API + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Connect-Protocol-Version': '1' },
      body: JSON.stringify(request || {}),
    });
  } catch (e) {
    throw new ApiError(`无法连接服务（${e.message}）`);
  }
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : {}; } catch (e) { /* not JSON: say what came back */ }
  if (!res.ok) {
    throw new ApiError((body && body.message) || `HTTP ${res.status} ${text.slice(0, 200)}`, body && body.details);
  }
  if (body === null) throw new ApiError(`服务返回的不是 JSON：${text.slice(0, 200)}`);
  return body;
}

// callAll follows nextPageToken and concatenates one repeated field of every page. When a load
// replaces the data between pages it starts again (a few times at most), so that every row comes
// from one version of the data.
async function callAll(method, request, field) {
  for (let restart = 0; ; restart++) {
    const all = [];
    let pageToken = '';
    try {
      do {
        const page = await call(method, { ...request, pageSize: 500, pageToken });
        all.push(...(page[field] || []));
        pageToken = page.nextPageToken || '';
      } while (pageToken);
      return all;
    } catch (e) {
      if (!(e instanceof ApiError && e.dataChanged) || restart >= 3) throw e;
    }
  }
}

// The error box lists one message per thing that failed; each clears when that thing next works.
const errors = new Map();
function showError(what, err) { errors.set(what, `${what}失败：${err.message}`); renderErrors(); }
function showNotice(key, text) { errors.set(key, text); renderErrors(); }
function clearError(what) { errors.delete(what); renderErrors(); }
function renderErrors() {
  $('error').hidden = errors.size === 0;
  $('error').textContent = [...errors.values()].join('\n');
}

// h builds an element: h('li', {class: 'x'}, 'text', child, [more children]).
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}
function svg(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  return el;
}
const pct = (x) => `${Math.round((x || 0) * 100)}%`;
const stageOf = (l) => STAGE_TEXT[l.stage] || '';

// ---- the URL ----

function readURL() {
  const q = new URLSearchParams(location.search);
  for (const k of Object.keys(state)) state[k] = q.get(k) || '';
  if (!LEVELS[state.level]) state.level = 'county';
}
function writeURL() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v && !(k === 'level' && v === 'county')) q.set(k, v);
  const url = location.pathname + (q.toString() ? '?' + q : '');
  if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  updateDownloads();
}

// ---- controls ----

async function loadControls() {
  const [chains, prefectures, belts] = await Promise.all([
    callAll('ListChains', {}, 'chains'),
    callAll('ListRegions', { level: 'REGION_LEVEL_PREFECTURE' }, 'regions'),
    callAll('ListBelts', {}, 'belts'),
  ]);
  data.chains = chains;
  for (const c of chains) $('chain').append(h('option', { value: c.id }, c.name));
  for (const p of prefectures) {
    data.prefectureIds.add(p.id);
    $('scope-prefectures').append(h('option', { value: p.id }, p.name));
  }
  for (const b of belts) {
    $('scope-belts').append(h('option', { value: b.id }, b.name));
    $('belt').append(h('option', { value: b.id }, b.name));
  }
}

async function loadLinks() {
  const sel = $('link');
  sel.replaceChildren(h('option', { value: '' }, '— 选择环节 —'));
  data.links = [];
  sel.disabled = !state.chain;
  if (!state.chain) return;
  const answer = await call('GetChain', { chain: state.chain });
  data.links = answer.links || [];
  // One group per stage, in the chain's order (upstream first).
  const groups = new Map();
  for (const l of data.links) {
    const label = stageOf(l) || '其他';
    if (!groups.has(label)) groups.set(label, h('optgroup', { label }));
    groups.get(label).append(h('option', { value: l.id }, l.name));
  }
  sel.append(...groups.values());
}

// pick selects the option whose value, or failing that whose text, is wanted (a hand-written
// URL may say chain=新能源汽车), and returns the value picked: '' (the first option) when none is.
function pick(select, wanted) {
  const opt = [...select.options].find((o) => o.value === wanted) || [...select.options].find((o) => o.textContent === wanted);
  select.selectedIndex = opt ? opt.index : 0;
  return select.value;
}

// syncControls shows the state in the controls. A value from the URL that no option has (a
// link renamed since the view was sent) is dropped, and the page says so. The region is kept:
// the profile then says in the API's words whether it exists.
function syncControls(requested) {
  const dropped = [];
  for (const [id, label] of [['chain', '产业链'], ['link', '环节'], ['level', '层级'], ['scope', '范围']]) {
    state[id] = pick($(id), requested[id]);
    if (requested[id] && !state[id]) dropped.push(`${label}“${requested[id]}”`);
  }
  data.beltSelected = pick($('belt'), requested.belt);
  if (requested.belt && !data.beltSelected) dropped.push(`发展带“${requested.belt}”`);
  state.belt = requested.belt ? data.beltSelected : '';
  $('belt-on').checked = !!state.belt;
  if (dropped.length) showNotice('url', `链接中的${dropped.join('、')}没有对应的选项，已改用默认值。`);
  writeURL();
}

function wireControls() {
  $('controls').addEventListener('change', () => clearError('url'));
  $('chain').addEventListener('change', async (e) => {
    state.chain = e.target.value;
    state.link = '';
    writeURL();
    try { await loadLinks(); clearError('读取产业链环节'); } catch (err) { showError('读取产业链环节', err); }
    paintMap();
    loadWeakLinks();
    renderPanelExtras();
  });
  $('link').addEventListener('change', (e) => { state.link = e.target.value; writeURL(); paintMap(); renderPanelExtras(); });
  $('level').addEventListener('change', (e) => {
    state.level = e.target.value;
    // A county stays selected as its prefecture unit; a prefecture stays selected at county level.
    if (state.level === 'prefecture' && data.features.has(state.region)) state.region = unitOf(state.region);
    writeURL();
    paintMap();
    renderProfile();
  });
  $('scope').addEventListener('change', (e) => { state.scope = e.target.value; writeURL(); paintMap(); renderPanelExtras(); });
  const beltChanged = () => {
    data.beltSelected = $('belt').value;
    state.belt = $('belt-on').checked ? data.beltSelected : '';
    writeURL();
    drawBelt();
  };
  $('belt').addEventListener('change', () => { if ($('belt').value) $('belt-on').checked = true; beltChanged(); });
  $('belt-on').addEventListener('change', beltChanged);
  // Finding a region by name: for the keyboard, and for a dot map of thousands of counties.
  $('find').addEventListener('change', (e) => {
    const name = e.target.value.trim();
    const hit = [...data.features.values()].find((f) => f.properties.name === name || f.properties.code === name);
    if (hit) { selectRegion(unitOf(hit.properties.id)); e.target.value = ''; }
    else if (name) showNotice('find', `没有名为“${name}”的县级单位。`);
  });
  $('find').addEventListener('input', () => clearError('find'));
}

// ---- the map ----

// projection fits lon/lat into the map's width: equirectangular, x scaled by cos(mean latitude),
// which is close enough at the size of a province (and readable at a country's).
function projection(features) {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const f of features) {
    eachPosition(f.geometry, ([x, y]) => {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    });
  }
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const pad = 12;
  const spanX = Math.max((maxX - minX) * k, 1e-6), spanY = Math.max(maxY - minY, 1e-6);
  const scale = (MAP_WIDTH - 2 * pad) / spanX;
  const height = Math.min(Math.max(spanY * scale + 2 * pad, 200), 1400);
  const s = Math.min(scale, (height - 2 * pad) / spanY);
  return {
    width: MAP_WIDTH, height,
    point: ([x, y]) => [pad + (x - minX) * k * s, pad + (maxY - y) * s],
  };
}

function eachPosition(g, fn) {
  if (!g) return;
  if (g.type === 'Point') fn(g.coordinates);
  else if (g.type === 'Polygon') g.coordinates.forEach((ring) => ring.forEach(fn));
  else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => p.forEach((ring) => ring.forEach(fn)));
}

function pathData(g, point) {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      d += ring.map((pos, i) => {
        const [x, y] = point(pos);
        return (i ? 'L' : 'M') + x.toFixed(1) + ',' + y.toFixed(1);
      }).join('') + 'Z';
    }
  }
  return d;
}

// anchor is where a marker or label goes: the centre of the shape's bounding box, or of its
// largest polygon's box, which stays inside most county shapes.
function anchor(g, point) {
  if (g.type === 'Point') return point(g.coordinates);
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best = null, bestArea = -1;
  for (const polygon of polygons) {
    const pts = polygon[0].map(point);
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (area > bestArea) { bestArea = area; best = box; }
  }
  return [(best[0] + best[2]) / 2, (best[1] + best[3]) / 2];
}

async function loadMap() {
  const res = await authFetch('map/regions.geojson?level=county');
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try { message = (await res.json()).message || message; } catch (e) { /* keep the status */ }
    throw new ApiError(message);
  }
  const fc = await res.json();
  const all = fc.features || [];
  const placed = all.filter((f) => f.geometry);
  const map = $('map');
  const proj = projection(placed);
  map.setAttribute('viewBox', `0 0 ${proj.width} ${proj.height.toFixed(0)}`);
  map.replaceChildren();
  const defs = svg('defs');
  const hatch = svg('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  hatch.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#6a3d9a', 'stroke-width': 1.4 }));
  defs.append(hatch);
  const layers = {};
  map.append(defs);
  for (const name of ['areas', 'points', 'belt', 'selected', 'markers', 'labels']) {
    layers[name] = svg('g', { id: 'layer-' + name });
    map.append(layers[name]);
  }
  const points = placed.filter((f) => f.geometry.type === 'Point');
  // Circles share the map's area: small enough not to overlap much at a country's thousands.
  const radius = Math.max(1.6, Math.min(7, 0.45 * Math.sqrt((proj.width * proj.height) / Math.max(points.length, 1))));
  for (const f of placed) {
    const p = f.properties;
    let shape;
    if (f.geometry.type === 'Point') {
      const [x, y] = proj.point(f.geometry.coordinates);
      shape = svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: radius.toFixed(1) });
      layers.points.append(shape);
    } else {
      shape = svg('path', { d: pathData(f.geometry, proj.point), 'fill-rule': 'evenodd' });
      layers.areas.append(shape);
    }
    shape.setAttribute('class', 'region');
    shape.dataset.id = p.id;
    shape.dataset.code = p.code;
    shape.dataset.name = p.name;
    shape.dataset.parent = p.parent_id || '';
    shape.append(svg('title'));
    shape.lastChild.textContent = p.name;
    shape.anchor = anchor(f.geometry, proj.point);
    shape.addEventListener('click', () => selectRegion(unitOf(p.id)));
    shape.addEventListener('mouseenter', () => { $('hover').textContent = hoverText(shape); });
    data.features.set(p.id, f);
    data.shapes.set(p.id, shape);
  }
  map.layers = layers;
  $('region-names').replaceChildren(...placed.map((f) => h('option', { value: f.properties.name })));
  map.dataset.regions = String(placed.length);
  const notes = [];
  if (points.length === placed.length && placed.length) {
    notes.push(`本数据没有县界，每个县级单位以其中心点的圆点表示（共 ${points.length} 个，颜色同图例）。`);
  } else if (points.length) {
    notes.push(`${points.length} 个县级单位没有边界数据，以中心点的圆点表示。`);
  }
  if (all.length > placed.length) notes.push(`${all.length - placed.length} 个地区没有位置数据，未画出。`);
  $('map-note').textContent = notes.join(' ');
}

// unitOf is the region a county stands for at the chosen level: itself at county level; at
// prefecture level its prefecture, or itself for the county-level units directly under the
// province (仙桃, 潜江, 天门, 神农架), which answers treat as prefectures.
function unitOf(countyId, level = state.level) {
  if (level === 'county') return countyId;
  const parent = data.features.get(countyId)?.properties.parent_id;
  return data.prefectureIds.has(parent) ? parent : countyId;
}

// Labels name the prefecture-level units at their counties' mean position: few enough to read
// for a province; a country's hundreds would cover the map, so they are left out there.
function drawUnitLabels() {
  const layer = $('map').layers.labels;
  layer.replaceChildren();
  const groups = new Map();
  for (const [id, shape] of data.shapes) {
    const unit = unitOf(id, 'prefecture');
    if (!groups.has(unit)) groups.set(unit, []);
    groups.get(unit).push(shape.anchor);
  }
  if (groups.size > 40) return;
  const names = new Map([...$('scope-prefectures').children].map((o) => [o.value, o.textContent]));
  for (const [unit, anchors] of groups) {
    const name = names.get(unit) || data.features.get(unit)?.properties.name || '';
    const x = anchors.reduce((s, a) => s + a[0], 0) / anchors.length;
    const y = anchors.reduce((s, a) => s + a[1], 0) / anchors.length;
    const text = svg('text', { x: x.toFixed(1), y: y.toFixed(1), class: 'unit-label' });
    text.textContent = name;
    layer.append(text);
  }
}

function hoverText(shape) {
  const unit = unitOf(shape.dataset.id);
  let text = shape.dataset.name;
  if (unit !== shape.dataset.id) text += `（${$('scope').querySelector(`option[value="${unit}"]`)?.textContent || unit}）`;
  if (shape.dataset.status) text += '：' + STATUS_TEXT[shape.dataset.status];
  if (shape.dataset.supplier === 'true') text += '；最近供给地之一';
  return text;
}

const viewKey = () => [state.chain, state.link, state.level, state.scope].join('/');
let paintSeq = 0;

// paintMap colours every region from GetLinkMap for the chosen chain, link, scope and level.
async function paintMap() {
  const map = $('map');
  const seq = ++paintSeq;
  for (const shape of data.shapes.values()) { delete shape.dataset.status; delete shape.dataset.supplier; }
  map.layers.markers.replaceChildren();
  renderLegend();
  if (!state.chain || !state.link) {
    map.classList.add('unpainted');
    map.dataset.state = 'drawn';
    $('map-summary').textContent = state.chain ? '请选择环节，地图将按该环节着色。' : '请选择产业链和环节，地图将按该环节着色。';
    return;
  }
  map.dataset.state = 'painting';
  $('map-summary').textContent = '正在计算…';
  let answer;
  try {
    answer = await call('GetLinkMap', { chain: state.chain, link: state.link, scope: state.scope, level: LEVELS[state.level] });
  } catch (err) {
    if (seq !== paintSeq) return;
    map.dataset.state = 'error';
    $('map-summary').textContent = '地图未能着色。';
    showError('按环节着色（GetLinkMap）', err);
    return;
  }
  if (seq !== paintSeq) return; // a newer choice is being painted
  clearError('按环节着色（GetLinkMap）');
  const byId = new Map((answer.regions || []).map((r) => [r.region.id, r]));
  const counts = {};
  for (const [id, shape] of data.shapes) {
    const row = byId.get(unitOf(id));
    const status = row ? row.status : 'NOT_ANSWERED';
    shape.dataset.status = status;
    shape.dataset.supplier = String(!!(row && row.nearestSupplier));
    shape.querySelector('title').textContent = `${shape.dataset.name}：${STATUS_TEXT[status] || status}`;
  }
  for (const row of byId.values()) counts[row.status] = (counts[row.status] || 0) + 1;
  drawSupplierMarkers(answer, byId);
  map.classList.remove('unpainted');
  map.dataset.key = viewKey();
  map.dataset.state = 'painted';
  const link = data.links.find((l) => l.id === state.link);
  const chain = data.chains.find((c) => c.id === state.chain);
  const unitWord = state.level === 'county' ? '个县级单位' : '个市州级单位';
  $('map-summary').textContent = `${chain ? chain.name : state.chain} · ${link ? link.name : state.link}（${link ? stageOf(link) : ''}）：` +
    `有 ${counts.LINK_STATUS_HAS || 0}，缺（有需求）${counts.LINK_STATUS_LACKS || 0}，无需求 ${counts.LINK_STATUS_NO_DEMAND || 0}` +
    (counts.LINK_STATUS_CHAIN_HOLDER ? `，整链持有 ${counts.LINK_STATUS_CHAIN_HOLDER}` : '') + ` ${unitWord}`;
}

// One marker per supplier region on the map; a supplier the map does not draw at its level (a
// prefecture that a source names as a whole) gets a square at its counties' mean position.
function drawSupplierMarkers(answer, byId) {
  const layer = $('map').layers.markers;
  const done = new Set();
  for (const [id, shape] of data.shapes) {
    const unit = unitOf(id);
    const row = byId.get(unit);
    if (!row || !row.nearestSupplier || done.has(unit)) continue;
    done.add(unit);
    const [x, y] = unit === id ? shape.anchor : meanAnchor(unit);
    // On a dot map the marker is the dot's centre, so the dot's colour still shows around it.
    const r = shape.tagName === 'circle' && unit === id ? Math.min(3.6, shape.getAttribute('r') * 0.45) : 3.6;
    layer.append(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), class: 'supplier-marker', 'data-region': unit }));
  }
  for (const r of answer.nearestSuppliers || []) {
    if (done.has(r.id) || byId.has(r.id)) continue;
    const [x, y] = data.shapes.has(r.id) ? data.shapes.get(r.id).anchor : meanAnchor(r.id, 'prefecture');
    if (Number.isNaN(x)) continue; // outside the drawn map
    done.add(r.id);
    layer.append(svg('rect', { x: (x - 3.5).toFixed(1), y: (y - 3.5).toFixed(1), width: 7, height: 7, class: 'supplier-marker whole', 'data-region': r.id }));
  }
}
function meanAnchor(unit, level = state.level) {
  const anchors = [...data.shapes].filter(([id]) => unitOf(id, level) === unit).map(([, s]) => s.anchor);
  return [anchors.reduce((s, a) => s + a[0], 0) / anchors.length, anchors.reduce((s, a) => s + a[1], 0) / anchors.length];
}

function renderLegend() {
  const key = (cls, text) => h('span', { class: 'key' }, h('span', { class: 'swatch ' + cls }), text);
  $('legend').replaceChildren(
    key('has', '有该环节'), key('lacks', '缺，且本地下游有需求（补链对象）'), key('no-demand', '无需求'),
    key('chain-holder', '整链持有（规划未说明具体环节，不作判断）'),
    key('supplier', '最近供给地（为缺的地区就近提供该环节）'),
    key('supplier whole', '市州整体为供给地（来源只说到市州）'), key('none', '不在所选范围'),
    key('belt', '叠加的发展带'),
  );
}

function outline(shape, cls) {
  const copy = shape.cloneNode(false);
  copy.setAttribute('class', cls);
  copy.removeAttribute('data-status');
  return copy;
}

async function drawBelt() {
  const layer = $('map').layers.belt;
  layer.replaceChildren();
  $('belt-note').textContent = '';
  clearError('读取发展带');
  if (!state.belt) return;
  try {
    const answer = await call('GetBelt', { belt: state.belt });
    const members = answer.members || [];
    const ids = new Set(members.map((m) => m.region.id));
    for (const [id, shape] of data.shapes) {
      if (ids.has(id) || ids.has(shape.dataset.parent)) layer.append(outline(shape, 'belt-outline'));
    }
    const alternatives = members.filter((m) => (m.alternatives || []).length)
      .map((m) => `${m.region.name}（也可读作 ${m.alternatives.map((a) => a.name).join('、')}）`);
    $('belt-note').textContent = `发展带“${answer.belt.name}”：${members.map((m) => m.region.name).join('、')}。` +
      (alternatives.length ? ` 规划措辞有两种读法的成员：${alternatives.join('；')}。` : '');
  } catch (err) {
    showError('读取发展带', err);
  }
}

// ---- the side panel ----

function selectRegion(id) {
  state.region = id;
  writeURL();
  renderProfile();
}

function highlightSelected() {
  const layer = $('map').layers.selected;
  layer.replaceChildren();
  for (const [id, shape] of data.shapes) {
    // A prefecture selected at county level outlines its counties.
    if (state.region && (unitOf(id) === state.region || shape.dataset.parent === state.region)) layer.append(outline(shape, 'selected-outline'));
  }
}

function evidenceItem(ev, extra) {
  if (!ev) return h('li', {}, '（无依据记录）');
  const parts = [];
  if (ev.kind === 'EVIDENCE_KIND_PLAN') {
    parts.push(h('span', { class: 'quote' }, `“${ev.quoteSimplified || ev.quote}”`), ` ——规划 ${ev.section || ''}`);
  } else if (ev.kind === 'EVIDENCE_KIND_SOURCE') {
    parts.push(`来源：${ev.source}`);
  } else if (ev.kind === 'EVIDENCE_KIND_DOMAIN') {
    parts.push('行业常识');
  }
  // The reasoning can run to a paragraph: folded, so the plan's sentence stays what one reads.
  if (ev.reason) parts.push(' ', h('details', { class: 'reason' }, h('summary', {}, '说明'), ev.reason));
  return h('li', {}, extra || [], parts);
}

function factTags(f) {
  return [
    f.status === 'FACT_STATUS_PLANNED' ? h('span', { class: 'tag planned' }, '规划') : h('span', { class: 'tag' }, '现有'),
    f.certainty === 'CERTAINTY_ONE_READING'
      ? h('span', { class: 'tag uncertain', title: (f.alternatives || []).join('；') }, '一种读法' + ((f.alternatives || []).length ? '，另读 ' + f.alternatives.join('、') : ''))
      : null,
  ];
}

// firmDetails: a firm's other columns from its list (address, phone …), folded like a reason.
function firmDetails(p) {
  const attrs = p.attributes || [];
  if (!attrs.length) return null;
  return h('details', { class: 'attributes' }, h('summary', {}, '企业信息'),
    attrs.map((a) => `${a.name}：${a.value}`).join('；'));
}

function presenceList(presences, count) {
  const items = (presences || []).map((p) => evidenceItem(p.evidence, [
    p.holder ? `${p.holder}${p.year ? `（${p.programme || ''} ${p.year}）` : ''}：` : '',
    factTags(p), ' ', firmDetails(p), ' ',
  ]));
  if (count > items.length) items.push(h('li', { class: 'muted' }, `……共 ${count} 条依据`));
  return h('ul', { class: 'evidence' }, items);
}

let profileSeq = 0;
async function renderProfile() {
  highlightSelected();
  const box = $('profile');
  const seq = ++profileSeq;
  if (!state.region) {
    box.dataset.state = 'empty';
    box.replaceChildren(h('p', { class: 'hint' }, '点击地图上的地区，查看其产业链、已有环节、缺失的上游环节、完整度和区位熵，以及规划中的依据原文。'));
    renderPanelExtras();
    return;
  }
  box.dataset.state = 'loading';
  box.replaceChildren(h('p', { class: 'hint' }, '正在读取地区概况…'));
  renderPanelExtras();
  let p;
  try {
    p = await call('GetRegionProfile', { region: state.region, view: 'ANSWER_VIEW_FULL', maxPresences: 3 });
  } catch (err) {
    if (seq !== profileSeq) return;
    box.dataset.state = 'error';
    box.replaceChildren(h('p', { class: 'error' }, `读取地区概况失败：${err.message}`));
    return;
  }
  if (seq !== profileSeq) return;
  const r = p.region;
  const chains = p.chains || [];
  const content = [h('h2', {}, r.name, ' ', h('small', {}, `${r.code} · ${LEVEL_TEXT[r.level] || ''}`))];
  for (const c of p.clusterCounts || []) {
    content.push(h('p', { class: 'muted' }, `${c.programme}（${c.year}）：${c.count} 个集群，数据中点名 ${c.namedInData || 0} 个`));
  }
  content.push(h('h3', {}, `产业链（${chains.length}）`));
  if (!chains.length) content.push(h('p', { class: 'hint' }, '数据中该地区没有任何产业链的环节。'));
  for (const c of chains) {
    const current = c.chain.id === state.chain;
    const lq = c.hasLocationQuotient ? `区位熵 ${c.locationQuotient.toFixed(2)}`
      : c.locationQuotientStatus === 'LOCATION_QUOTIENT_STATUS_TOO_FEW_FIRMS'
        ? `区位熵：企业过少，不计（本链 ${c.locationQuotientFirms || 0} 家）` : '区位熵：无企业数据';
    const present = c.present || [];
    const block = h('details', { class: 'chain-profile' + (current ? ' current' : ''), 'data-chain': c.chain.id, open: current || chains.length <= 2 },
      h('summary', {}, `${c.chain.name}　完整度 ${pct(c.completeness)} · 已有 ${present.length}/${c.linkCount} 环节 · ${lq}`),
      h('h4', {}, '已有环节'),
      present.length ? h('ul', {}, present.map((pl) => h('li', {},
        `${pl.link.name}（${stageOf(pl.link)}，强度 ${pl.strength}）`, presenceList(pl.presences, pl.presenceCount)))) : h('p', { class: 'hint' }, '无'),
      h('h4', {}, '缺失的上游环节'),
      (c.missingUpstream || []).length
        ? h('ul', {}, c.missingUpstream.map((l) => h('li', {}, `${l.name}（${stageOf(l)}）`)))
        : h('p', { class: 'hint' }, (c.chainFacts || []).length ? '规划以整条链提及该地区，未说明具体环节，故不列缺失环节。' : '无'),
      (c.chainFacts || []).length ? [h('h4', {}, '整链表述'), h('ul', { class: 'evidence' },
        c.chainFacts.map((f) => evidenceItem(f.evidence, [f.holder ? f.holder + '：' : '', factTags(f), ' '])))] : null,
    );
    content.push(block);
  }
  if (p.evidenceTruncated) content.push(h('p', { class: 'muted' }, '依据条目较多，每项只列出前几条。'));
  box.replaceChildren(...content);
  box.dataset.region = r.id;
  box.dataset.state = 'ready';
}

// renderPanelExtras shows, for the selected region and the chosen link, its 补链 row and the
// investment leads.
let extrasSeq = 0;
async function renderPanelExtras() {
  const row = $('lacking-row'), leads = $('leads');
  const seq = ++extrasSeq;
  row.replaceChildren();
  leads.replaceChildren();
  if (!state.region || !state.chain || !state.link) return;
  const link = data.links.find((l) => l.id === state.link);
  const linkName = link ? link.name : state.link;
  const level = data.prefectureIds.has(state.region) ? 'REGION_LEVEL_PREFECTURE' : 'REGION_LEVEL_COUNTY';
  row.append(h('h3', {}, `补链：${linkName}`), h('p', { class: 'hint' }, '正在读取…'));
  leads.append(h('h3', {}, `招商线索：${linkName}`), h('p', { class: 'hint' }, '正在读取…'));
  const [lacking, found, standing] = await Promise.allSettled([
    call('FindLackingRegions', { chain: state.chain, link: state.link, scope: state.region, level, view: 'ANSWER_VIEW_FULL', maxPresences: 2, maxSuppliers: 5 }),
    call('FindInvestmentLeads', { region: state.region, chain: state.chain, link: state.link, pageSize: 10, view: 'ANSWER_VIEW_FULL', maxPresences: 1 }),
    // The region's own standing, to say why it has no 补链 row.
    call('GetLinkMap', { chain: state.chain, link: state.link, scope: state.region, level }),
  ]);
  if (seq !== extrasSeq) return;
  const status = standing.status === 'fulfilled' ? (standing.value.regions || []).find((r) => r.region.id === state.region)?.status : '';
  row.lastChild.replaceWith(lacking.status === 'fulfilled' ? lackingRow(lacking.value, status) : h('p', { class: 'error' }, `读取补链失败：${lacking.reason.message}`));
  leads.lastChild.replaceWith(found.status === 'fulfilled' ? leadList(found.value) : h('p', { class: 'error' }, `读取招商线索失败：${found.reason.message}`));
}

function supplierText(s) {
  const near = [s.samePrefecture ? '同市州' : '', s.sameBelt ? '同发展带' : '',
    s.borderHops >= 0 ? `相隔 ${s.borderHops || 0} 个县界` : '', s.distanceKm >= 0 ? `约 ${s.distanceKm || 0} 公里` : ''].filter(Boolean);
  return `${s.region.name}（${near.join('，')}）`;
}

const NO_ROW_TEXT = {
  LINK_STATUS_HAS: '该地区已有这一环节，不是补链对象。',
  LINK_STATUS_NO_DEMAND: '该地区没有需要这一环节的下游环节，不是补链对象。',
  LINK_STATUS_CHAIN_HOLDER: '规划以整条链提及该地区，未说明具体环节，不作补链判断。',
};

function lackingRow(answer, status) {
  const mine = (answer.lackingRegions || []).find((r) => r.region.id === state.region);
  if (!mine) return h('p', {}, NO_ROW_TEXT[status] || '该地区不缺这一环节。');
  const names = new Map((answer.dictionary?.links || []).map((l) => [l.id, l.name]));
  return h('div', {},
    h('p', {}, `缺这一环节；本地 ${mine.demandCount || 0} 个下游环节需要它：`),
    h('ul', {}, (mine.demands || []).map((d) => h('li', {},
      `${d.downstream.name}：${(d.pathLinkIds || []).map((id) => names.get(id) || id).join(' → ')}`,
      presenceList(d.presences, d.presenceCount)))),
    h('h4', {}, '最近的供给地'),
    (mine.nearestSuppliers || []).length
      ? h('ul', {}, mine.nearestSuppliers.map((s) => h('li', {}, supplierText(s), presenceList(s.presences, s.presenceCount))))
      : h('p', { class: 'hint' }, '数据中没有别的地区有这一环节。'));
}

function leadList(answer) {
  const items = (answer.leads || []).map((l) => h('li', {},
    `${l.holder}（${l.holderKind === 'cluster' ? '集群' : '企业'}）· ${supplierText(l.place)}`,
    l.presence ? presenceList([l.presence], 1) : null));
  const feeds = (answer.regionFeeds || []).map((d) => d.downstream.name);
  return h('div', {},
    answer.regionHasLink ? h('p', {}, '本地已有这一环节，以下线索用于强链。') : null,
    feeds.length ? h('p', {}, `引进后可供给本地的：${feeds.join('、')}`) : null,
    h('p', { class: 'muted' }, `共 ${answer.totalSize || 0} 条，由近及远列出前 ${items.length} 条。`),
    items.length ? h('ol', {}, items) : h('p', { class: 'hint' }, '没有别处的企业或集群做这一环节。'));
}

// ---- 强链: weak links of the chosen chain ----

let weakSeq = 0;
async function loadWeakLinks() {
  const box = $('weak');
  const seq = ++weakSeq;
  box.replaceChildren();
  if (!state.chain) return;
  const chain = data.chains.find((c) => c.id === state.chain);
  box.append(h('h3', {}, `强链：${chain ? chain.name : state.chain}的薄弱环节`), h('p', { class: 'hint' }, '正在读取…'));
  let weak;
  try {
    weak = await callAll('FindWeakLinks', { chain: state.chain }, 'weakLinks');
  } catch (err) {
    if (seq === weakSeq) box.lastChild.replaceWith(h('p', { class: 'error' }, `读取薄弱环节失败：${err.message}`));
    return;
  }
  if (seq !== weakSeq) return;
  const rows = weak.map((w) => h('tr', {},
    h('td', {}, w.link.name), h('td', {}, stageOf(w.link)),
    h('td', {}, (w.holderCount || 0) === 0 ? '无人持有' : (w.holderCount === 1 ? '单一来源' : `${w.holderCount} 个`)),
    h('td', {}, (w.holders || []).map((x) => x.region.name).join('、') || '—'),
    h('td', {}, w.hhi >= 0 ? w.hhi.toFixed(2) : '—')));
  box.lastChild.replaceWith(weak.length
    ? h('table', {}, h('tr', {}, ['环节', '阶段', '持有地区数', '持有地区', '集中度（HHI）'].map((t) => h('th', {}, t))), rows)
    : h('p', {}, '这条链没有薄弱环节（每个环节都有至少两个市州持有）。'));
}

// ---- downloads ----

function updateDownloads() {
  const q = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  const view = q({ chain: state.chain, link: state.link, scope: state.scope, level: state.level });
  const links = [];
  if (state.chain && state.link) {
    links.push(['补链清单 CSV', `export/lacking.csv?${view}`], ['补链清单 Excel', `export/lacking.xlsx?${view}`],
      ['补链 GraphML', `export/lacking.graphml?${view}`], ['地图 GeoJSON（QGIS）', `export/map.geojson?${view}`]);
  }
  if (state.chain) {
    links.push(['薄弱环节 Excel', `export/weak.xlsx?${q({ chain: state.chain })}`], ['产业链 GraphML（Gephi）', `export/chain.graphml?${q({ chain: state.chain })}`]);
  }
  if (state.region) links.push(['地区概况 Excel', `export/profile.xlsx?${q({ region: state.region })}`]);
  $('downloads').replaceChildren(links.length ? '下载当前视图：' : '', ...links.map(([text, href]) => {
    const a = h('a', { href, download: '' }, text);
    a.addEventListener('click', downloadWithToken);
    return a;
  }));
}

// ---- start ----

async function start() {
  readURL();
  const requested = { ...state };
  wireControls();
  renderLegend();
  updateDownloads();
  try {
    await Promise.all([loadControls(), loadMap()]);
  } catch (err) {
    $('map').dataset.state = 'error';
    $('map-summary').textContent = '地图未能加载。';
    showError('加载地图和选项', err);
    return;
  }
  drawUnitLabels();
  state.chain = pick($('chain'), requested.chain);
  try { await loadLinks(); } catch (err) { showError('读取产业链环节', err); }
  syncControls(requested);
  $('map').dataset.state = 'drawn';
  await Promise.all([paintMap(), loadWeakLinks(), drawBelt(), renderProfile()]);
}

start();
