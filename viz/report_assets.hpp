// The report page's inline style sheet and script (no frameworks, nothing fetched).
#pragma once

namespace ldfi::viz {

inline constexpr const char* REPORT_CSS = R"CSS(
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg2: #f6f8fa; --bad: #cf222e; --good: #1a7f37; --blue: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: #fff; }
header { display: flex; align-items: baseline; gap: 16px; padding: 14px 28px; background: #24292f; color: #fff; }
header h1 { margin: 0; font-size: 19px; }
header span { color: #d0d7de; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
main { padding: 8px 28px 28px; max-width: 1500px; }
h2 { font-size: 18px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; background: var(--bg2); padding: 1px 4px; border-radius: 4px; }
.verdict-line { font-size: 16px; margin: 16px 0 10px; }
.verdict { display: inline-block; padding: 3px 10px; border-radius: 14px; font-weight: 700; text-transform: uppercase; font-size: 13px; letter-spacing: .04em; color: #fff; }
.verdict.counterexample { background: var(--bad); } .verdict.certified { background: var(--good); } .verdict.unknown { background: #9a6700; }
dl.config { display: flex; flex-wrap: wrap; gap: 6px 10px; margin: 0; }
dl.config div { background: var(--bg2); border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
dl.config dt { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
dl.config dd { margin: 0; font-weight: 600; }
.timing, .note { color: var(--muted); font-size: 12.5px; }
.warn { color: #9a6700; font-weight: 600; }
.proof { color: #1a7f37; }
article.ce, article.run { border: 1px solid var(--line); border-radius: 8px; padding: 4px 18px 14px; margin: 18px 0; }
article.ce { border-left: 5px solid var(--bad); }
article.ce h2, article.run h2 { border: 0; margin-top: 12px; }
.diagrams { display: flex; flex-direction: column; gap: 14px; align-items: flex-start; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fff; overflow-x: auto; max-width: 100%; }
figcaption { font-weight: 600; font-size: 13px; margin-bottom: 6px; }
figure svg { display: block; max-width: 100%; height: auto; }
.legend { font-size: 11.5px; color: var(--muted); margin: 6px 0 0; }
.key { display: inline-block; width: 22px; height: 10px; vertical-align: middle; margin: 0 4px 0 10px; border-radius: 2px; }
.key.arrow { height: 0; border-top: 2px solid #8c959f; } .key.lineage { height: 0; border-top: 3px solid var(--blue); }
.key.lost { height: 0; border-top: 2px dashed var(--bad); }
.key.goal { background: #fff8c5; border: 2px solid #9a6700; } .key.gone { background: #ffebe9; border: 1px dashed var(--bad); }
.key.cut { background: var(--bad); } .key.notin { height: 0; border-top: 2px dashed #8250df; } .key.msg { background: #ddf4ff; border: 1px solid var(--blue); }
.cross { color: var(--bad); font-weight: 700; margin: 0 4px 0 10px; }
details.state { margin-top: 12px; }
details.state summary { cursor: pointer; font-weight: 600; font-size: 13px; }
table { border-collapse: collapse; font-size: 12.5px; margin-top: 8px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg2); }
table.state td div { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; white-space: nowrap; }
#runs-table tr.clickable { cursor: pointer; }
#runs-table tr.clickable:hover, #runs-table tr.clickable:focus { background: #f3f8ff; outline: none; }
#runs-table tr.selected { background: #ddf4ff; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.bad { background: #ffebe9; color: var(--bad); } .badge.good { background: #dafbe1; color: var(--good); }
.badge.muted { background: var(--bg2); color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 12px 28px 24px; border-top: 1px solid var(--line); }
#selftest { white-space: pre-wrap; }
)CSS";

inline constexpr const char* REPORT_JS = R"JS(
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  var detail = document.getElementById('run-detail');
  var table = document.getElementById('runs-table');
  function rows() { return table.querySelectorAll('tbody tr'); }
  function show(row) {
    var all = rows();
    for (var i = 0; i < all.length; i++) all[i].classList.remove('selected');
    row.classList.add('selected');
    detail.textContent = '';
    var ce = row.getAttribute('data-ce');
    if (ce) {
      var article = document.getElementById('ce-' + ce);
      if (article) article.scrollIntoView();
      return;
    }
    var tpl = document.getElementById('run-tpl-' + row.getAttribute('data-run'));
    if (tpl) detail.appendChild(tpl.content.cloneNode(true));
  }
  table.addEventListener('click', function (e) {
    var row = e.target.closest('tr.clickable');
    if (row) show(row);
  });
  table.addEventListener('keydown', function (e) {
    var row = e.target.closest('tr.clickable');
    if (row && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); show(row); }
  });
  // Loaded as index.html#selftest (by the browser test): show every run, check every diagram
  // drew, and write the findings into the page.
  function checkFigures(root, where, problems) {
    var figures = root.querySelectorAll('figure.diagram');
    var count = 0;
    for (var i = 0; i < figures.length; i++) {
      var svg = figures[i].querySelector('svg');
      var box = svg ? svg.getBoundingClientRect() : null;
      if (!svg || svg.childElementCount === 0 || box.width <= 0 || box.height <= 0) {
        problems.push(where + ': diagram ' + (i + 1) + ' did not render');
      }
      count++;
    }
    if (count === 0) problems.push(where + ': no diagram');
    return count;
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
      show(all[j]);
      diagrams += checkFigures(detail, 'run ' + all[j].getAttribute('data-run'), problems);
    }
    detail.textContent = '';
    for (var k = 0; k < all.length; k++) all[k].classList.remove('selected');
    window.scrollTo(0, 0);
    problems = problems.concat(errors);
    var out = document.getElementById('selftest');
    out.hidden = false;
    out.textContent = 'SELFTEST ' + (problems.length ? 'FAIL' : 'PASS') + ' rows=' + all.length + ' diagrams=' +
      diagrams + ' errors=' + errors.length + (problems.length ? '\n' + problems.join('\n') : '');
  }
  if (location.hash === '#selftest') selftest();
})();
)JS";

}  // namespace ldfi::viz
