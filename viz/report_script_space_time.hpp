// The report's space-time diagram, drawn in the browser: a column per node, time running down,
// messages as arrows (an injected omission red with its cross at the destination, a loss to a
// crashed sender faint, messages only the fault-free run sent as dotted ghosts), labels placed
// where they overlap nothing (else left to the tooltip), crashes, and a mark where a node first
// holds a tuple the invariant reads.
#pragma once

namespace ldfi::viz {

// Part of the page's script (report_script.hpp): it shares that script's scope and helpers.
inline constexpr const char* REPORT_JS_SPACE_TIME = R"JS(
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

)JS";

}  // namespace ldfi::viz
