// The report page's script (plain JavaScript, nothing fetched): it draws each run from the page's
// data (report_data.cpp) when it is shown, so a report of hundreds of runs stays small. Space-time
// diagrams with time running down, lineage graphs laid out in time rows (per goal, pan, zoom,
// search), relation tables marked against the fault-free run, clicks that connect a lost message
// or a crash to the goals it broke, permalinks, the runs filter, and the self-test that
// tests/browser runs (index.html#selftest).
#pragma once

namespace ldfi::viz {

inline constexpr const char* REPORT_JS = R"JS(
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  var NS = 'http://www.w3.org/2000/svg';
  var D = JSON.parse(document.getElementById('ldfi-data').textContent);
  var S = D.s, NODES = D.nodes, EOT = D.eot;
  var uid = 0;

  function svg(tag, attrs, parent) {
    var el = document.createElementNS(NS, tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(el);
    return el;
  }
  function h(tag, attrs, text, parent) {
    var el = document.createElement(tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }
  function tip(el, text) { svg('title', {}, el).textContent = text; }
  function textWidth(text, size) { return text.length * size * 0.58 + 6; }

  // ---- A run, rebuilt from the fault-free run and its differences -------------------------
  function stateKey(e) { return e[0] + ',' + e[1] + ',' + e[2] + ',' + e[3]; }
  function runModel(index) {
    var r = D.runs[index];
    if (!r) return null;
    if (r.model) return r.model;
    var gone = new Set(r.gone), lost = new Map(), del = new Set(r.del.map(stateKey));
    r.lost.forEach(function (l) { lost.set(l[0], l[1]); });
    var base = D.base.msgs || [];
    var msgs = base.filter(function (id) { return !gone.has(id); }).concat(r.extra);
    var state = [];
    (D.base.state || []).forEach(function (e) { state.push({e: e, mark: del.has(stateKey(e)) ? 'del' : ''}); });
    r.add.forEach(function (e) { state.push({e: e, mark: 'add'}); });
    state.sort(function (a, b) {
      for (var k = 0; k < 3; k++) if (a.e[k] !== b.e[k]) return a.e[k] - b.e[k];
      return S[a.e[3]] < S[b.e[3]] ? -1 : S[a.e[3]] > S[b.e[3]] ? 1 : 0;
    });
    var crash = new Map();
    r.crash.forEach(function (c) { crash.set(c[0], c[1]); });
    r.model = {index: index, run: r, msgs: msgs, ghosts: r.gone, lost: lost, state: state, crash: crash};
    return r.model;
  }

  // ---- Space-time diagram --------------------------------------------------------------------
  var LEFT = 64, TOP = 58, ROW = 64;
  function spaceTime(box, m, lineageHops, hub) {
    var col = NODES.length <= 4 ? 170 : NODES.length <= 8 ? 130 : 96;
    var W = LEFT + col * NODES.length + 24, H = TOP + ROW * (EOT - 1) + 28;
    function x(n) { return LEFT + col * (n + 0.5); }
    function y(t) { return TOP + ROW * (t - 1); }
    var fig = h('figure', {'class': 'diagram space-time-fig'}, null, box);
    h('figcaption', {}, 'Space-time diagram', fig);
    var root = svg('svg', {'class': 'space-time', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H,
                           'font-family': 'Helvetica, Arial, sans-serif'}, fig);
    var grid = svg('g', {'class': 'st-grid'}, root);
    for (var t = 1; t <= EOT; t++) {
      svg('line', {x1: LEFT - 8, y1: y(t), x2: W - 12, y2: y(t), stroke: '#eaeef2'}, grid);
      svg('text', {x: LEFT - 14, y: y(t) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#57606a'}, grid)
        .textContent = 't=' + t;
    }
    var groups = new Map(), self = 0;
    function group(id, ghost) {
      var msg = D.msgs[id];
      if (msg[1] === msg[2]) { if (!ghost) self++; return; }
      var key = (ghost ? 'g' : 'm') + msg[3] + ',' + msg[1] + ',' + msg[2];
      var g = groups.get(key);
      if (!g) {
        g = {from: msg[1], to: msg[2], sent: msg[3], ghost: ghost, ids: [], rels: new Set(), lost: 0};
        groups.set(key, g);
      }
      g.ids.push(id);
      g.rels.add(S[msg[0]]);
      var l = m.lost.get(id) || 0;
      if (l === 1 || (l === 2 && g.lost === 0)) g.lost = l;
    }
    m.msgs.forEach(function (id) { group(id, false); });
    m.ghosts.forEach(function (id) { group(id, true); });
    var lifelines = svg('g', {'class': 'st-nodes'}, root);
    NODES.forEach(function (name, n) {
      var crash = m.crash.get(n), end = y(EOT) + 10, alive = crash ? y(crash) : end;
      svg('text', {x: x(n), y: 24, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600, fill: '#1f2328'},
          lifelines).textContent = name;
      svg('line', {x1: x(n), y1: 34, x2: x(n), y2: alive, stroke: '#424a53', 'stroke-width': 2}, lifelines);
      if (crash) {
        svg('line', {x1: x(n), y1: alive, x2: x(n), y2: end, stroke: '#afb8c1', 'stroke-width': 2,
                     'stroke-dasharray': '2 4'}, lifelines);
        var c = svg('g', {'class': 'st-crash', 'data-node': n, 'data-time': crash, tabindex: 0}, lifelines);
        tip(c, name + ' crashes at time ' + crash + ' (click: what it broke)');
        svg('path', {d: 'M' + (x(n) - 9) + ' ' + (alive - 9) + ' L' + (x(n) + 9) + ' ' + (alive + 9) + ' M' +
                     (x(n) + 9) + ' ' + (alive - 9) + ' L' + (x(n) - 9) + ' ' + (alive + 9),
                     stroke: '#cf222e', 'stroke-width': 3.5}, c);
        svg('text', {x: x(n) + 13, y: alive - 6, 'font-size': 11, 'font-weight': 600, fill: '#cf222e',
                     stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke'}, c).textContent = 'crash @' + crash;
        c.addEventListener('click', function (e) { e.stopPropagation(); hub.crash(n, crash); });
      }
    });
    var placed = [], elided = 0, arrows = [];
    function overlaps(b) {
      for (var i = 0; i < placed.length; i++) {
        var p = placed[i];
        if (b.x < p.x + p.w && p.x < b.x + b.w && b.y < p.y + p.h && p.y < b.y + b.h) return true;
      }
      return false;
    }
    function arrow(g) {
      var x1 = x(g.from), y1 = y(g.sent), x2 = x(g.to), y2 = y(g.sent + 1);
      var hop = g.from + ',' + g.to + ',' + g.sent;
      var inLineage = !g.ghost && lineageHops.has(hop);
      var cls = 'st-msg' + (g.ghost ? ' ghost' : g.lost === 1 ? ' lost' : g.lost === 2 ? ' crashed' : '') +
                (inLineage ? ' lineage' : '');
      var colour = g.ghost ? '#afb8c1' : g.lost === 1 ? '#cf222e' : g.lost === 2 ? '#afb8c1' :
                   inLineage ? '#0969da' : '#8c959f';
      var el = svg('g', {'class': cls, 'data-hop': hop}, root);
      var lines = [NODES[g.from] + ' \u2192 ' + NODES[g.to] + ', sent ' + g.sent + (
        g.ghost ? ': sent in the fault-free run, not in this one' :
        g.lost === 1 ? ', LOST (omitted)' : g.lost === 2 ? ', lost (the sender had crashed)' :
        ', delivered ' + (g.sent + 1)) + (inLineage ? ', in the lineage' : '')];
      g.ids.slice(0, 8).forEach(function (id) { lines.push(S[D.msgs[id][4]]); });
      if (g.ids.length > 8) lines.push('(' + (g.ids.length - 8) + ' more)');
      tip(el, lines.join('\n'));
      var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy), ux = dx / len, uy = dy / len;
      var ex = g.lost ? x2 : x2 - ux * 4, ey = g.lost ? y2 : y2 - uy * 4;
      var attrs = {x1: x1, y1: y1, x2: ex, y2: ey, stroke: colour, 'stroke-width': inLineage ? 2.6 : 1.3};
      if (g.lost) attrs['stroke-dasharray'] = '6 4';
      if (g.ghost) attrs['stroke-dasharray'] = '2 4';
      svg('line', attrs, el);
      svg('line', {x1: x1, y1: y1, x2: x2, y2: y2, stroke: 'transparent', 'stroke-width': 10}, el);  // a wider target
      if (g.lost) {
        var s = g.lost === 1 ? 6 : 4;
        svg('path', {d: 'M' + (ex - s) + ' ' + (ey - s) + ' L' + (ex + s) + ' ' + (ey + s) + ' M' + (ex + s) + ' ' +
                     (ey - s) + ' L' + (ex - s) + ' ' + (ey + s), stroke: colour, 'stroke-width': g.lost === 1 ? 2.4 : 1.6}, el);
      } else if (!g.ghost) {
        var bx = ex - ux * 9, by = ey - uy * 9;
        svg('polygon', {points: ex + ',' + ey + ' ' + (bx - uy * 4.5) + ',' + (by + ux * 4.5) + ' ' + (bx + uy * 4.5) +
                        ',' + (by - ux * 4.5), fill: colour}, el);
      }
      if (!g.ghost) {
        var label = Array.from(g.rels).sort().join(', ') + (g.ids.length > 1 ? ' \u00d7' + g.ids.length : '');
        var w = textWidth(label, 10), at = [0.62, 0.45, 0.78, 0.3, 0.88], done = false;
        for (var i = 0; i < at.length && !done; i++) {
          var lx = x1 + dx * at[i], ly = y1 + dy * at[i] - 3, b = {x: lx - w / 2, y: ly - 10, w: w, h: 12};
          if (overlaps(b)) continue;
          placed.push(b);
          svg('text', {x: lx, y: ly, 'text-anchor': 'middle', 'font-size': 10, fill: colour, stroke: '#fff',
                       'stroke-width': 3, 'paint-order': 'stroke'}, el).textContent = label;
          done = true;
        }
        if (!done) elided++;
      }
      el.addEventListener('click', function (e) { e.stopPropagation(); hub.hop(g.from, g.to, g.sent); });
      arrows.push(el);
    }
    var all = Array.from(groups.values());
    function order(g) { return g.ghost ? 0 : g.lost === 2 ? 1 : g.lost === 0 ? 2 : 3; }
    all.sort(function (a, b) { return order(a) - order(b) || a.sent - b.sent || a.from - b.from || a.to - b.to; });
    // Lost and lineage arrows claim label room first, then are drawn on top.
    var byLabel = all.slice().sort(function (a, b) { return order(b) - order(a); });
    var drawOrder = new Map();
    byLabel.forEach(function (g) { arrow(g); drawOrder.set(g, root.lastChild); });
    all.forEach(function (g) { root.appendChild(drawOrder.get(g)); });
    firstReads(root, m, x, y);
    var notes = [];
    if (self) notes.push(self + ' message(s) a node sent to itself not drawn');
    if (elided) notes.push(elided + ' label(s) left out where they would overlap; hover an arrow for its messages');
    h('p', {'class': 'legend'}, null, fig).innerHTML =
      '<span class="key arrow"></span>delivered <span class="key lineage"></span>in the lineage ' +
      '<span class="key lost"></span>omitted (injected) <span class="key faint"></span>lost: its sender had ' +
      'crashed <span class="key ghost"></span>sent only in the fault-free run <span class="cross">\u2715</span>crash ' +
      '<span class="key first"></span>first holds a tuple the invariant reads';
    if (notes.length) h('p', {'class': 'note'}, notes.join('; ') + '.', fig);
    root.addEventListener('click', function () { hub.clear(); });
    return {arrows: arrows, root: root};
  }

  // Where a node first holds a tuple of a relation the invariant reads (pre and post bodies).
  function firstReads(root, m, x, y) {
    var inv = new Set(D.inv), first = new Map();
    m.state.forEach(function (s) {
      var e = s.e;
      if (s.mark === 'del' || !inv.has(e[2]) || e[1] >= NODES.length) return;
      var key = e[1] + ',' + e[2];
      if (!first.has(key)) first.set(key, e);
    });
    var marks = new Map();
    first.forEach(function (e) {
      var key = e[1] + ',' + e[0];
      if (!marks.has(key)) marks.set(key, []);
      marks.get(key).push(S[e[3]]);
    });
    var g = svg('g', {'class': 'st-first'}, root);
    marks.forEach(function (texts, key) {
      var p = key.split(','), cx = x(Number(p[0])) + 7, cy = y(Number(p[1]));
      var d = svg('path', {d: 'M' + cx + ' ' + (cy - 5) + ' L' + (cx + 5) + ' ' + cy + ' L' + cx + ' ' + (cy + 5) +
                           ' L' + (cx - 5) + ' ' + cy + ' Z', fill: '#8250df'}, g);
      tip(d, 'first holds here, read by the invariant:\n' + texts.join('\n') + '@' + p[1]);
    });
  }

  // ---- Lineage graph, laid out in time rows ----------------------------------------------------
  function nodeLabel(n) {
    if (n[0] === 0) return S[n[1]] + (n[3] > n[2] ? '..' + n[3] : '');
    var text = S[n[1]];
    if (n[4] & 4) text += ' ' + NODES[n[5]] + '\u2192' + NODES[n[6]] + ' @' + n[7];
    return (n[4] & 16 ? '\u2702 SENDER CRASHED ' : n[4] & 8 ? '\u2702 LOST ' : '') + text;
  }
  function Lineage(box, view, hub) {
    this.view = view; this.hub = hub; this.id = ++uid; this.scale = 1; this.goal = -1; this.firings = true;
    var fig = h('figure', {'class': 'diagram lineage', 'data-kind': view.kind}, null, box);
    h('figcaption', {}, S[view.title], fig);
    if (!view.n.length) {
      h('p', {'class': 'note'}, 'Nothing to draw: no tuple of this lineage can be lost to faults.', fig);
      this.fig = fig; this.nodes = []; return;
    }
    var bar = h('div', {'class': 'toolbar'}, null, fig), self = this;
    var roots = [];
    view.n.forEach(function (n, i) { if (n[0] === 0 && n[4] & 1) roots.push(i); });
    var pick = h('select', {'class': 'goal-pick', 'aria-label': 'goal'}, null, bar);
    h('option', {value: -1}, 'all goals (' + roots.length + ')', pick);
    roots.forEach(function (i) { h('option', {value: i}, nodeLabel(view.n[i]), pick); });
    pick.addEventListener('change', function () { self.goal = Number(pick.value); self.draw(); });
    var fl = h('label', {}, null, bar), box2 = h('input', {type: 'checkbox', checked: ''}, null, fl);
    fl.appendChild(document.createTextNode(' rule firings'));
    box2.addEventListener('change', function () { self.firings = box2.checked; self.draw(); });
    // notin edges tangle a big graph: hidden unless asked for, or lit by a selection.
    var nl = h('label', {}, null, bar), box3 = h('input', {type: 'checkbox', 'class': 'notin-toggle'}, null, nl);
    nl.appendChild(document.createTextNode(' notin edges'));
    box3.addEventListener('change', function () { fig.classList.toggle('show-notin', box3.checked); });
    var search = h('input', {type: 'search', placeholder: 'search tuples and rules', 'class': 'find'}, null, bar);
    var found = h('span', {'class': 'found-count'}, '', bar);
    search.addEventListener('input', function () { self.find(search.value, found); });
    search.addEventListener('keydown', function (e) { if (e.key === 'Enter') self.next(); });
    [['\u2212', 1 / 1.25, 'zoom-out'], ['fit', 0, 'zoom-fit'], ['+', 1.25, 'zoom-in']].forEach(function (b) {
      var btn = h('button', {type: 'button', 'class': b[2]}, b[0], bar);
      btn.addEventListener('click', function () { self.zoom(b[1]); });
    });
    this.canvas = h('div', {'class': 'canvas'}, null, fig);
    this.info = h('div', {'class': 'info'}, 'Click a node to see its lineage and its rule.', fig);
    if (view.note !== undefined) h('p', {'class': 'note'}, S[view.note], fig);
    h('p', {'class': 'legend'}, null, fig).innerHTML =
      '<span class="key goal"></span>goal <span class="key gone"></span>absent in this run ' +
      '<span class="key cut"></span>message lost to the faults <span class="key msg"></span>message ' +
      '<span class="key rule"></span>rule firing <span class="key notin"></span>its loss would make a ' +
      '<code>notin</code> atom hold (shown for a selected node, or all with \u201cnotin edges\u201d); time runs down';
    this.fig = fig;
    this.pan();
    this.canvas.addEventListener('wheel', function (e) {
      if (!e.ctrlKey) return;
      e.preventDefault();
      self.zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1);
    }, {passive: false});
    this.draw();
  }
  Lineage.prototype.pan = function () {
    var c = this.canvas, start = null;
    c.addEventListener('mousedown', function (e) {
      if (e.button !== 0) return;
      start = {x: e.clientX, y: e.clientY, l: c.scrollLeft, t: c.scrollTop, moved: false};
    });
    window.addEventListener('mousemove', function (e) {
      if (!start) return;
      if (Math.abs(e.clientX - start.x) + Math.abs(e.clientY - start.y) > 3) start.moved = true;
      c.scrollLeft = start.l - (e.clientX - start.x);
      c.scrollTop = start.t - (e.clientY - start.y);
    });
    window.addEventListener('mouseup', function () { if (start && start.moved) c.dataset.dragged = '1'; start = null; });
  };
  // The visible graph: the chosen goal's lineage, with plain rule firings contracted if hidden.
  Lineage.prototype.visible = function () {
    var v = this.view, n = v.n.length, keep = new Array(n).fill(true), preds = [], succs = [], i;
    for (i = 0; i < n; i++) { preds.push([]); succs.push([]); }
    v.e.forEach(function (e) { preds[e[1]].push([e[0], e[2]]); succs[e[0]].push([e[1], e[2]]); });
    if (this.goal >= 0) {
      keep.fill(false);
      var stack = [this.goal];
      while (stack.length) {
        var k = stack.pop();
        if (keep[k]) continue;
        keep[k] = true;
        preds[k].forEach(function (p) { stack.push(p[0]); });
      }
    }
    var edges = [];
    var hidden = function (k) { return !this.firings && v.n[k][0] === 1 && !(v.n[k][4] & 4); }.bind(this);
    v.e.forEach(function (e) {
      if (!keep[e[0]] || !keep[e[1]]) return;
      if (hidden(e[1])) {
        succs[e[1]].forEach(function (s) { if (keep[s[0]]) edges.push([e[0], s[0], e[2]]); });
      } else if (!hidden(e[0])) {
        edges.push(e);
      }
    });
    var nodes = [];
    for (i = 0; i < n; i++) if (keep[i] && !hidden(i)) nodes.push(i);
    return {nodes: nodes, edges: edges};
  };
  Lineage.prototype.layout = function (vis) {
    var v = this.view, N = {}, ROWH = 58, GAP = 16, TOPM = 16, LEFTM = 62;
    vis.nodes.forEach(function (i) {
      var n = v.n[i], label = nodeLabel(n);
      N[i] = {i: i, time: n[2], label: label, w: Math.max(48, textWidth(label, n[0] === 0 ? 11 : 10) + 14),
              preds: [], succs: [], rank: 0, x: 0};
    });
    var seen = new Set();
    vis.edges.forEach(function (e) {
      var key = e[0] + '>' + e[1];
      if (seen.has(key)) return;
      seen.add(key);
      N[e[0]].succs.push(e[1]); N[e[1]].preds.push(e[0]);
    });
    // Ranks in time order: a node's rank is past its inputs' and past every earlier time's rows.
    var indeg = {}, ready = [], done = [], maxRank = -1, bandTime = null, bandStart = 0, bands = [];
    vis.nodes.forEach(function (i) { indeg[i] = N[i].preds.length; if (!indeg[i]) ready.push(i); });
    function cmp(a, b) { return N[a].time - N[b].time || (N[a].label < N[b].label ? -1 : N[a].label > N[b].label ? 1 : a - b); }
    while (ready.length) {
      ready.sort(cmp);
      var i = ready.shift(), node = N[i];
      if (node.time !== bandTime) {
        if (bandTime !== null) bands.push({time: bandTime, from: bandStart, to: maxRank});
        bandTime = node.time; bandStart = maxRank + 1;
      }
      node.rank = bandStart;
      node.preds.forEach(function (p) { node.rank = Math.max(node.rank, N[p].rank + 1); });
      maxRank = Math.max(maxRank, node.rank);
      done.push(i);
      node.succs.forEach(function (s) { if (--indeg[s] === 0) ready.push(s); });
    }
    if (bandTime !== null) bands.push({time: bandTime, from: bandStart, to: maxRank});
    var rows = [];
    for (var r = 0; r <= maxRank; r++) rows.push([]);
    done.forEach(function (i) { rows[N[i].rank].push(i); });
    function pack(row) {
      var x = 0;
      row.forEach(function (i) { N[i].x = x + N[i].w / 2; x += N[i].w + GAP; });
    }
    function spread(row) {  // keep order, no overlap, as near the wanted x as packing allows
      for (var k = 1; k < row.length; k++) {
        var a = N[row[k - 1]], b = N[row[k]], min = a.x + (a.w + b.w) / 2 + GAP;
        if (b.x < min) b.x = min;
      }
    }
    function bary(i, side) {
      var ns = N[i][side];
      if (!ns.length) return N[i].x;
      var s = 0;
      ns.forEach(function (k) { s += N[k].x; });
      return s / ns.length;
    }
    rows.forEach(pack);
    for (var pass = 0; pass < 4; pass++) {
      var down = pass % 2 === 0, list = down ? rows : rows.slice().reverse();
      list.forEach(function (row) {
        row.forEach(function (i) { N[i].want = bary(i, down ? 'preds' : 'succs'); });
        row.sort(function (a, b) { return N[a].want - N[b].want || a - b; });
        row.forEach(function (i) { N[i].x = N[i].want; });
        spread(row);
      });
    }
    var minX = Infinity, maxX = -Infinity;
    done.forEach(function (i) { minX = Math.min(minX, N[i].x - N[i].w / 2); maxX = Math.max(maxX, N[i].x + N[i].w / 2); });
    done.forEach(function (i) { N[i].x += LEFTM - minX; N[i].y = TOPM + N[i].rank * ROWH + 14; });
    return {N: N, order: done, bands: bands, W: maxX - minX + LEFTM + 20, H: TOPM + (maxRank + 1) * ROWH + 8,
            ROWH: ROWH, TOPM: TOPM};
  };
  Lineage.prototype.draw = function () {
    var v = this.view, self = this, vis = this.visible(), L = this.layout(vis), N = L.N;
    this.canvas.textContent = '';
    this.L = L;
    var root = svg('svg', {'class': 'lineage-graph', viewBox: '0 0 ' + L.W + ' ' + L.H,
                           'font-family': 'Helvetica, Arial, sans-serif'}, this.canvas);
    this.svg = root;
    var defs = svg('defs', {}, root);
    var mk = svg('marker', {id: 'arrow-' + this.id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
                            markerHeight: 7, orient: 'auto-start-reverse'}, defs);
    svg('path', {d: 'M0,0 L10,5 L0,10 z', fill: '#57606a'}, mk);
    L.bands.forEach(function (b, k) {
      var y0 = L.TOPM + b.from * L.ROWH - 6, y1 = L.TOPM + (b.to + 1) * L.ROWH - 6;
      svg('rect', {x: 0, y: y0, width: L.W, height: y1 - y0, fill: k % 2 ? '#ffffff' : '#f6f8fa'}, root);
      svg('text', {x: 6, y: y0 + 14, 'font-size': 10, fill: '#57606a'}, root).textContent = 'time ' + b.time;
    });
    var edgeLayer = svg('g', {'class': 'edges'}, root), nodeLayer = svg('g', {'class': 'nodes'}, root);
    this.edgeEls = [];
    vis.edges.forEach(function (e) {
      var a = N[e[0]], b = N[e[1]], y1 = a.y + 11, y2 = b.y - 11, mid = (y1 + y2) / 2;
      var p = svg('path', {d: 'M' + a.x + ' ' + y1 + ' C' + a.x + ' ' + mid + ' ' + b.x + ' ' + mid + ' ' + b.x + ' ' + y2,
                           fill: 'none', stroke: e[2] ? '#8250df' : '#8c959f', 'stroke-width': 1.2,
                           'marker-end': 'url(#arrow-' + self.id + ')'}, edgeLayer);
      if (e[2]) {
        p.setAttribute('stroke-dasharray', '5 3');
        p.setAttribute('class', 'notin');
        tip(p, 'its loss would make a notin atom of the rule hold');
      }
      p.dataset.from = e[0]; p.dataset.to = e[1];
      self.edgeEls.push(p);
    });
    this.els = {};
    L.order.forEach(function (i) {
      var n = v.n[i], d = N[i], g = svg('g', {'class': 'ln ' + (n[0] === 0 ? 'tuple' : 'firing'), 'data-i': i}, nodeLayer);
      var fill = '#f6f8fa', stroke = '#8c959f', text = '#1f2328', dash = null, width = 1;
      if (n[0] === 0 && n[4] & 1) { fill = '#fff8c5'; stroke = '#9a6700'; width = 2; }
      else if (n[0] === 0 && n[4] & 2) { fill = '#ffebe9'; stroke = '#cf222e'; dash = '4 3'; }
      else if (n[0] === 1 && n[4] & 8) { fill = '#cf222e'; stroke = '#82071e'; text = '#ffffff'; width = 2; }
      else if (n[0] === 1 && n[4] & 4) { fill = '#ddf4ff'; stroke = '#0969da'; }
      else if (n[0] === 1) { fill = '#ffffff'; }
      var shape = n[0] === 1 && !(n[4] & 4)
        ? svg('ellipse', {cx: d.x, cy: d.y, rx: d.w / 2, ry: 10}, g)
        : svg('rect', {x: d.x - d.w / 2, y: d.y - 11, width: d.w, height: 22, rx: n[0] === 0 ? 6 : 2}, g);
      shape.setAttribute('fill', fill); shape.setAttribute('stroke', stroke); shape.setAttribute('stroke-width', width);
      if (dash) shape.setAttribute('stroke-dasharray', dash);
      svg('text', {x: d.x, y: d.y + 4, 'text-anchor': 'middle', 'font-size': n[0] === 0 ? 11 : 10, fill: text}, g)
        .textContent = d.label;
      tip(g, self.describe(i).join('\n'));
      g.addEventListener('click', function (e) {
        e.stopPropagation();
        if (self.canvas.dataset.dragged) { delete self.canvas.dataset.dragged; return; }
        self.select(i);
      });
      self.els[i] = g;
    });
    root.addEventListener('click', function () {
      if (self.canvas.dataset.dragged) { delete self.canvas.dataset.dragged; return; }
      self.hub.clear();
    });
    this.applyScale();
  };
  Lineage.prototype.describe = function (i) {
    var n = this.view.n[i], out = [nodeLabel(n)];
    if (n[0] === 0) {
      if (n[4] & 1) out.push('a goal');
      if (n[4] & 2) out.push('absent in this run');
      return out;
    }
    var rule = D.rules[n[3]];
    out.push('rule: ' + S[rule[0]]);
    if (rule[2]) out.push((D.files[rule[1]] || '') + ':' + rule[2]);
    if (n[8] >= 0) out.push(S[n[8]]);
    return out;
  };
  Lineage.prototype.zoom = function (f) {
    if (!this.L) return;
    this.scale = f ? Math.min(6, Math.max(0.1, this.scale * f)) : Math.min(1, (this.canvas.clientWidth - 4) / this.L.W);
    this.applyScale();
  };
  Lineage.prototype.applyScale = function () {
    this.svg.setAttribute('width', Math.round(this.L.W * this.scale));
    this.svg.setAttribute('height', Math.round(this.L.H * this.scale));
  };
  Lineage.prototype.find = function (q, count) {
    q = q.trim().toLowerCase();
    var self = this, hits = [];
    Object.keys(this.els).forEach(function (i) {
      var hit = q !== '' && self.describe(Number(i)).join(' ').toLowerCase().indexOf(q) >= 0;
      self.els[i].classList.toggle('found', hit);
      if (hit) hits.push(self.els[i]);
    });
    this.hits = hits; this.hit = -1;
    count.textContent = q ? hits.length + ' found' : '';
    this.next();
  };
  Lineage.prototype.next = function () {
    if (!this.hits || !this.hits.length) return;
    this.hit = (this.hit + 1) % this.hits.length;
    this.hits[this.hit].scrollIntoView({block: 'center', inline: 'center'});
  };
  // Lights up `from` nodes and what they reach (down: what they derived; up: their lineage).
  Lineage.prototype.light = function (from, up) {
    if (!this.els) return 0;
    var v = this.view, on = new Set(), stack = from.slice(), adj = {};
    v.e.forEach(function (e) {
      var a = up ? e[1] : e[0], b = up ? e[0] : e[1];
      (adj[a] = adj[a] || []).push(b);
    });
    while (stack.length) {
      var k = stack.pop();
      if (on.has(k)) continue;
      on.add(k);
      (adj[k] || []).forEach(function (b) { stack.push(b); });
    }
    var self = this, goals = 0;
    Object.keys(this.els).forEach(function (i) {
      var lit = on.has(Number(i));
      self.els[i].classList.toggle('hl', lit);
      self.els[i].classList.toggle('dim', !lit);
      if (lit && v.n[i][0] === 0 && v.n[i][4] & 1) goals++;
    });
    this.edgeEls.forEach(function (p) {
      p.classList.toggle('hl', on.has(Number(p.dataset.from)) && on.has(Number(p.dataset.to)));
    });
    return goals;
  };
  Lineage.prototype.unlight = function () {
    if (!this.els) return;
    var self = this;
    Object.keys(this.els).forEach(function (i) { self.els[i].classList.remove('hl', 'dim', 'sel'); });
    this.edgeEls.forEach(function (p) { p.classList.remove('hl'); });
    this.info.textContent = 'Click a node to see its lineage and its rule.';
  };
  Lineage.prototype.select = function (i) {
    this.hub.clear();
    var n = this.view.n[i];
    this.light([i], true);
    this.els[i].classList.add('sel');
    var info = this.info, lines = this.describe(i);
    info.textContent = '';
    h('strong', {}, lines[0], info);
    if (n[0] === 1) {
      var rule = D.rules[n[3]];
      info.appendChild(document.createTextNode(' \u2014 '));
      h('code', {}, S[rule[0]], info);
      if (rule[2]) {
        info.appendChild(document.createTextNode(' '));
        h('a', {href: '#L' + rule[1] + '-' + rule[2]}, (D.files[rule[1]] || '') + ':' + rule[2], info);
      }
      if (n[8] >= 0) h('div', {'class': 'note'}, S[n[8]], info);
      if (n[4] & 4) this.hub.showHop(n[5], n[6], n[7]);
    } else {
      info.appendChild(document.createTextNode(' \u2014 ' + lines.slice(1).join('; ')));
    }
    info.appendChild(document.createTextNode(' (its lineage is lit)'));
  };

  // ---- Relations per time step, marked against the fault-free run ---------------------------
  function stateTable(box, m) {
    var r = m.run, details = h('details', {'class': 'state'}, null, box);
    var added = r.add.length, gone = r.del.length;
    h('summary', {}, 'Relations per time step (' + r.tuples + ' tuples' +
      (r.cap ? '; too many to list' : '; ' + added + ' appeared and ' + gone + ' vanished against the fault-free run') +
      ')', details);
    if (r.cap) return;
    details.addEventListener('toggle', function () {
      if (!details.open || details.dataset.drawn) return;
      details.dataset.drawn = '1';
      var cols = NODES.length + (m.state.some(function (s) { return s.e[1] >= NODES.length; }) ? 1 : 0);
      var table = h('table', {'class': 'state'}, null, details), head = h('tr', {}, null, h('thead', {}, null, table));
      h('th', {}, 'time', head);
      NODES.forEach(function (n) { h('th', {}, n, head); });
      if (cols > NODES.length) h('th', {}, 'other', head);
      var body = h('tbody', {}, null, table), cells = {};
      for (var t = 1; t <= EOT; t++) {
        var tr = h('tr', {}, null, body);
        h('th', {}, String(t), tr);
        for (var c = 0; c < cols; c++) cells[t + ',' + c] = h('td', {}, null, tr);
      }
      m.state.forEach(function (s) {
        var cell = cells[s.e[0] + ',' + s.e[1]];
        if (cell) h('div', s.mark ? {'class': s.mark, title: s.mark === 'add' ? 'only in this run' : 'only in the fault-free run'} : {},
                    S[s.e[3]], cell);
      });
    });
  }

  // ---- One run's view: its diagrams, connected ------------------------------------------------
  function drawRun(box) {
    if (box.dataset.drawn) return;
    box.dataset.drawn = '1';
    var m = runModel(box.dataset.run);
    if (!m) { h('p', {'class': 'note'}, 'This run is not embedded in the report.', box); return; }
    var views = m.run.views, hops = new Set();
    views.forEach(function (v) { v.n.forEach(function (n) { if (n[0] === 1 && n[4] & 4) hops.add(n[5] + ',' + n[6] + ',' + n[7]); }); });
    var hub = {lineages: [], st: null, status: null};
    var diagrams = h('div', {'class': 'diagrams'}, null, box);
    hub.status = h('p', {'class': 'nav-status', 'aria-live': 'polite'}, '', diagrams);
    hub.clear = function () {
      hub.lineages.forEach(function (l) { l.unlight(); });
      if (hub.st) hub.st.arrows.forEach(function (a) { a.classList.remove('sel'); });
      hub.status.textContent = '';
    };
    function focus(match, what) {
      hub.clear();
      var goals = 0, nodes = 0;
      hub.lineages.forEach(function (l) {
        var from = [];
        l.view.n.forEach(function (n, i) { if (n[0] === 1 && n[4] & 4 && match(n[5], n[6], n[7]) && l.els && l.els[i]) from.push(i); });
        nodes += from.length;
        if (from.length) goals += l.light(from, false);
      });
      hub.status.textContent = nodes
        ? what + ': ' + nodes + ' lineage node(s) lit, and the ' + goals + ' goal(s) they lead to.'
        : what + ': no goal drawn here depends on it.';
      box.dataset.lit = String(goals);
    }
    hub.hop = function (from, to, sent) {
      focus(function (f, t, s) { return f === from && t === to && s === sent; },
            NODES[from] + '\u2192' + NODES[to] + ' @' + sent);
      hub.showHop(from, to, sent, true);
    };
    hub.crash = function (node, time) {
      focus(function (f, t, s) { return f === node && s >= time; }, NODES[node] + ' crashes at ' + time);
    };
    hub.showHop = function (from, to, sent, keep) {
      if (!hub.st) return;
      var key = from + ',' + to + ',' + sent;
      hub.st.arrows.forEach(function (a) { a.classList.toggle('sel', a.dataset.hop === key); });
    };
    hub.st = spaceTime(diagrams, m, hops, hub);
    if (!views.length) h('p', {'class': 'note'}, 'The search learned no lineage from this run.', diagrams);
    views.forEach(function (v) { hub.lineages.push(new Lineage(diagrams, v, hub)); });
    stateTable(box, m);
  }

  // ---- Runs table: selection, permalinks, filter -------------------------------------------------
  var detail = document.getElementById('run-detail');
  var table = document.getElementById('runs-table');
  function rows() { return table.querySelectorAll('tbody tr'); }
  function show(row, scroll) {
    var all = rows();
    for (var i = 0; i < all.length; i++) all[i].classList.remove('selected');
    row.classList.add('selected');
    detail.textContent = '';
    var ce = row.getAttribute('data-ce'), n = row.getAttribute('data-run');
    if (ce) {
      var article = document.getElementById('ce-' + ce);
      if (article) article.scrollIntoView();
      return article;
    }
    if (!row.classList.contains('clickable')) return null;
    var art = h('article', {'class': 'run', id: 'run-' + n}, null, detail);
    h('h2', {}, 'Run ' + n + ' (round ' + row.getAttribute('data-round') + '): ', art);
    h('code', {}, S[D.runs[n].faults], art.firstChild);
    var view = h('div', {'class': 'run-view', 'data-run': n}, null, art);
    drawRun(view);
    if (scroll) art.scrollIntoView();
    return art;
  }
  function pick(row) {
    show(row, false);
    history.replaceState(null, '', '#' + (row.getAttribute('data-ce') ? 'ce-' + row.getAttribute('data-ce') : 'run-' + row.getAttribute('data-run')));
  }
  table.addEventListener('click', function (e) {
    var row = e.target.closest('tr.clickable');
    if (!row) return;
    e.preventDefault();
    pick(row);
  });
  table.addEventListener('keydown', function (e) {
    var row = e.target.closest('tr.clickable');
    if (row && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); pick(row); }
  });
  var filterText = document.getElementById('runs-filter'), filterKind = document.getElementById('runs-outcome');
  var filterCount = document.getElementById('runs-count');
  function filter() {
    var q = filterText.value.trim().toLowerCase().split(/\s+/).filter(Boolean), kind = filterKind.value, shown = 0;
    var all = rows();
    for (var i = 0; i < all.length; i++) {
      var text = all[i].textContent.toLowerCase(), ok = kind === '' || all[i].getAttribute('data-outcome') === kind ||
        (kind === 'violated' && all[i].getAttribute('data-outcome') === 'counterexample');
      for (var k = 0; k < q.length && ok; k++) ok = text.indexOf(q[k]) >= 0;
      all[i].hidden = !ok;
      if (ok) shown++;
    }
    filterCount.textContent = shown + ' of ' + all.length + ' runs';
  }
  filterText.addEventListener('input', filter);
  filterKind.addEventListener('change', filter);
  function openHash() {
    var m = /^#(run|ce)-(\d+)$/.exec(location.hash);
    if (m) {
      var row = table.querySelector(m[1] === 'run' ? 'tr[data-run="' + m[2] + '"]' : 'tr[data-ce="' + m[2] + '"]');
      if (row) show(row, true); else if (m[1] === 'ce') { var a = document.getElementById('ce-' + m[2]); if (a) a.scrollIntoView(); }
      return;
    }
    var line = /^#(L\d+-\d+)$/.exec(location.hash);
    if (line) {
      var el = document.getElementById(line[1]);
      if (el) { el.closest('details').open = true; el.scrollIntoView({block: 'center'}); }
    }
  }
  window.addEventListener('hashchange', openHash);
  var views = document.querySelectorAll('article.ce .run-view');
  for (var v = 0; v < views.length; v++) drawRun(views[v]);
  filter();
  if (location.hash !== '#selftest') openHash();

  // ---- Self-test (index.html#selftest, run by tests/browser): draws every run, clicks through,
  // and writes what it found into the page.
  function checkFigures(root, where, problems) {
    var svgs = root.querySelectorAll('figure.diagram svg'), count = 0;
    for (var i = 0; i < svgs.length; i++) {
      var box = svgs[i].getBoundingClientRect();
      if (svgs[i].childElementCount === 0 || box.width <= 0 || box.height <= 0) problems.push(where + ': diagram ' + (i + 1) + ' did not render');
      count++;
    }
    if (count === 0) problems.push(where + ': no diagram');
    return count;
  }
  function clickThrough(problems) {
    var facts = [];
    var art = document.querySelector('article.ce');
    if (!art) return facts;
    var lost = art.querySelector('.st-msg.lost') || art.querySelector('.st-crash');
    if (!lost) { problems.push('counterexample 1 draws no lost message or crash'); return facts; }
    lost.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    var goals = art.querySelectorAll('g.ln.tuple.hl').length, lit = Number(art.querySelector('.run-view').dataset.lit || 0);
    if (lit < 1 || goals < 1) problems.push('clicking a lost message lit no broken goal (' + lit + ')');
    facts.push('lost-click-goals=' + lit);
    var node = art.querySelector('g.ln.firing');
    if (node) {
      node.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      if (!art.querySelector('g.ln.sel')) problems.push('clicking a lineage node selected nothing');
      if (!/\S/.test(art.querySelector('.info').textContent)) problems.push('no node information shown');
    }
    var fig = art.querySelector('figure.lineage'), pick = fig && fig.querySelector('select.goal-pick');
    if (pick && pick.options.length > 1) {
      var before = fig.querySelectorAll('g.ln').length;
      pick.value = pick.options[1].value;
      pick.dispatchEvent(new Event('change'));
      var after = fig.querySelectorAll('g.ln').length;
      if (after < 1 || after > before) problems.push('per-goal view: ' + after + ' nodes of ' + before);
      facts.push('goal-view=' + after + '/' + before);
      pick.value = '-1'; pick.dispatchEvent(new Event('change'));
    }
    if (fig && fig.querySelector('svg')) {
      var w0 = Number(fig.querySelector('svg').getAttribute('width'));
      fig.querySelector('button.zoom-in').click();
      var w1 = Number(fig.querySelector('svg').getAttribute('width'));
      if (!(w1 > w0)) problems.push('zoom in did not enlarge the lineage graph (' + w0 + ' -> ' + w1 + ')');
      facts.push('zoom=' + w0 + '->' + w1);
      var find = fig.querySelector('input.find'), goal = fig.querySelector('select.goal-pick').options[1];
      if (goal) {
        find.value = goal.textContent.split('(')[0];
        find.dispatchEvent(new Event('input'));
        if (!fig.querySelector('g.ln.found')) problems.push('searching for "' + find.value + '" found nothing');
        find.value = ''; find.dispatchEvent(new Event('input'));
      }
    }
    filterText.value = 'none'; filter();
    facts.push('filter-none=' + filterCount.textContent.split(' ')[0]);
    filterText.value = ''; filter();
    var external = document.querySelectorAll('[src], link[href], a[href^="http"], [href^="//"]').length;
    if (external) problems.push(external + ' external reference(s)');
    return facts;
  }
  function selftest() {
    var problems = [], diagrams = 0;
    var all = rows();
    var want = Number(document.body.getAttribute('data-executions'));
    if (all.length !== want) problems.push('runs table has ' + all.length + ' rows, expected ' + want);
    var articles = document.querySelectorAll('article.ce');
    for (var i = 0; i < articles.length; i++) diagrams += checkFigures(articles[i], articles[i].id, problems);
    for (var j = 0; j < all.length; j++) {
      if (!all[j].classList.contains('clickable') || all[j].getAttribute('data-ce')) continue;
      show(all[j], false);
      diagrams += checkFigures(detail, 'run ' + all[j].getAttribute('data-run'), problems);
    }
    detail.textContent = '';
    for (var k = 0; k < all.length; k++) all[k].classList.remove('selected');
    var facts = clickThrough(problems);
    window.scrollTo(0, 0);
    problems = problems.concat(errors);
    var out = document.getElementById('selftest');
    out.hidden = false;
    out.textContent = 'SELFTEST ' + (problems.length ? 'FAIL' : 'PASS') + ' rows=' + all.length + ' diagrams=' +
      diagrams + ' errors=' + errors.length + ' ' + facts.join(' ') + (problems.length ? '\n' + problems.join('\n') : '');
  }
  if (location.hash === '#selftest') {
    try {
      selftest();
    } catch (e) {
      errors.push(String((e && e.stack) || e));
      var out = document.getElementById('selftest');
      out.hidden = false;  // split, so that this text in the page's source is not taken for a result
      out.textContent = 'SELF' + 'TEST FAIL rows=0 diagrams=0 errors=' + errors.length + '\n' + errors.join('\n');
    }
  }
})();
)JS";

}  // namespace ldfi::viz
