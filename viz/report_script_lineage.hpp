// The report's lineage graphs, laid out in the browser in time rows running down (a node's row is
// past its inputs' and past every earlier time's; order within rows by barycentres), with the
// per-goal view, folded rule firings, notin edges on demand, search, zoom, pan, and the lighting
// of a node's lineage or of what a lost message cut.
#pragma once

namespace ldfi::viz {

// Part of the page's script (report_script.hpp): it shares that script's scope and helpers.
inline constexpr const char* REPORT_JS_LINEAGE = R"JS(
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

)JS";

}  // namespace ldfi::viz
