// The report page's script (plain JavaScript, nothing fetched): it draws each run from the page's
// data (report_data.cpp) when it is shown, so a report of hundreds of runs stays small. Space-time
// diagrams with time running down, lineage graphs laid out in time rows (per goal, pan, zoom,
// search), relation tables marked against the fault-free run, clicks that connect a lost message
// or a crash to the goals it broke, permalinks, the runs filter, and the self-test that
// tests/browser runs (index.html#selftest).
#pragma once

#include <string>

#include "report_script_lineage.hpp"
#include "report_script_space_time.hpp"

namespace ldfi::viz {

inline constexpr const char* REPORT_JS_HEAD = R"JS(
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

)JS";

inline constexpr const char* REPORT_JS_PAGE = R"JS(
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
      hub.showHop(from, to, sent);
    };
    hub.crash = function (node, time) {
      focus(function (f, t, s) { return f === node && s >= time; }, NODES[node] + ' crashes at ' + time);
    };
    hub.showHop = function (from, to, sent) {
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

/// The whole script: helpers, the diagrams, then the page that uses them.
inline std::string report_script() {
    return std::string(REPORT_JS_HEAD) + REPORT_JS_SPACE_TIME + REPORT_JS_LINEAGE + REPORT_JS_PAGE;
}

}  // namespace ldfi::viz
