// The report page's inline style sheet (nothing fetched).
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
figure.lineage { width: 100%; }
figcaption { font-weight: 600; font-size: 13px; margin-bottom: 6px; }
figure svg { display: block; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; font-size: 12.5px; }
.toolbar select, .toolbar input, .toolbar button, .filters input, .filters select { font: inherit; padding: 2px 6px; border: 1px solid var(--line); border-radius: 5px; background: #fff; }
.toolbar button { min-width: 30px; cursor: pointer; }
.toolbar input.find { width: 200px; }
.found-count { color: var(--muted); }
.canvas { overflow: auto; max-height: 75vh; border: 1px solid #eaeef2; border-radius: 4px; cursor: grab; }
.canvas:active { cursor: grabbing; }
.info { font-size: 12.5px; margin-top: 6px; min-height: 1.4em; }
g.ln { cursor: pointer; }
g.ln.dim { opacity: .28; }
g.ln.hl > rect, g.ln.hl > ellipse { stroke: #0969da; stroke-width: 3; }
g.ln.sel > rect, g.ln.sel > ellipse { stroke: #1f2328; stroke-width: 3; }
g.ln.found > rect, g.ln.found > ellipse { stroke: #bf8700; stroke-width: 4; }
.edges path.hl { stroke: #0969da; stroke-width: 2.4; }
figure.lineage:not(.show-notin) .edges path.notin:not(.hl) { display: none; }
.edges path.notin.hl { stroke: #8250df; }
.st-msg, .st-crash { cursor: pointer; }
.st-msg.sel line:first-child { stroke: #bf8700; stroke-width: 4; }
.nav-status { margin: 0; font-size: 12.5px; color: var(--blue); min-height: 1.2em; }
.legend { font-size: 11.5px; color: var(--muted); margin: 6px 0 0; }
.key { display: inline-block; width: 22px; height: 10px; vertical-align: middle; margin: 0 4px 0 10px; border-radius: 2px; }
.key.arrow { height: 0; border-top: 2px solid #8c959f; } .key.lineage { height: 0; border-top: 3px solid var(--blue); }
.key.lost { height: 0; border-top: 2px dashed var(--bad); }
.key.goal { background: #fff8c5; border: 2px solid #9a6700; } .key.gone { background: #ffebe9; border: 1px dashed var(--bad); }
.key.cut { background: var(--bad); } .key.notin { height: 0; border-top: 2px dashed #8250df; } .key.msg { background: #ddf4ff; border: 1px solid var(--blue); }
.key.rule { background: #fff; border: 1px solid #8c959f; border-radius: 6px; } .key.faint { height: 0; border-top: 2px dashed #afb8c1; }
.key.ghost { height: 0; border-top: 2px dotted #afb8c1; } .key.first { width: 10px; background: #8250df; transform: rotate(45deg) scale(.75); }
.cross { color: var(--bad); font-weight: 700; margin: 0 4px 0 10px; }
details.state { margin-top: 12px; }
details.state summary { cursor: pointer; font-weight: 600; font-size: 13px; }
table { border-collapse: collapse; font-size: 12.5px; margin-top: 8px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg2); }
table.state td div { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; white-space: nowrap; }
table.state td div.add { color: var(--good); } table.state td div.add::before { content: "+ "; }
table.state td div.del { color: var(--bad); text-decoration: line-through; } table.state td div.del::before { content: "\2212 "; }
.filters { display: flex; gap: 8px; align-items: center; font-size: 12.5px; margin: 6px 0; }
.filters input { width: 280px; }
#runs-table td a { color: inherit; }
pre.spec { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; line-height: 1.5; background: var(--bg2); border: 1px solid var(--line); border-radius: 6px; padding: 8px 0; overflow-x: auto; margin: 6px 0; }
pre.spec .ln { display: block; padding-right: 12px; }
pre.spec .ln:target { background: #fff8c5; }
pre.spec .ln a { display: inline-block; width: 4em; padding-right: 1em; text-align: right; color: #8c959f; text-decoration: none; user-select: none; }
.hc { color: #6e7781; font-style: italic; } .hs { color: #0a3069; } .ht { color: #8250df; font-weight: 600; } .hn { color: #0550ae; }
.hk { color: #cf222e; font-weight: 600; } .hv { color: #953800; } .hr { color: #116329; font-weight: 600; }
details.spec-file summary { cursor: pointer; }
details.redundancy { margin: 6px 0; } details.redundancy summary { cursor: pointer; }
details.redundancy table td { font-size: 12px; }
#runs-table tr.clickable { cursor: pointer; }
#runs-table tr.clickable:hover, #runs-table tr.clickable:focus { background: #f3f8ff; outline: none; }
#runs-table tr.selected { background: #ddf4ff; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.bad { background: #ffebe9; color: var(--bad); } .badge.good { background: #dafbe1; color: var(--good); }
.badge.muted { background: var(--bg2); color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 12px 28px 24px; border-top: 1px solid var(--line); }
#selftest { white-space: pre-wrap; }
)CSS";

}  // namespace ldfi::viz
