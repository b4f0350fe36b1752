// The report page: one self-contained HTML file (inline CSS, SVG and a little JS; nothing
// fetched), the verdict and config, each counterexample's diagrams, and a table of runs whose
// rows show their own diagrams when clicked.
#include <algorithm>
#include <cstdio>
#include <map>

#include "ldfi/util/version.hpp"
#include "ldfi/viz/junit.hpp"
#include "ldfi/viz/run_output.hpp"
#include "report_assets.hpp"
#include "report_parts.hpp"

namespace ldfi::viz {

namespace {

constexpr std::size_t MAX_LISTED_TUPLES = 3;

std::string esc(std::string_view s) { return html_escape(s); }

std::string tuple_list(const std::string& rel, const std::vector<sim::ValueTuple>& tuples, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < tuples.size() && i < max; ++i) {
        out += (i ? ", " : "") + esc(format_tuple(rel, tuples[i]));
    }
    if (tuples.size() > max) out += " and " + std::to_string(tuples.size() - max) + " more";
    return out;
}

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f s", s);
    return buf;
}

std::string config_item(const std::string& name, const std::string& value) {
    return "<div><dt>" + esc(name) + "</dt><dd>" + value + "</dd></div>";
}

// What a verdict covers: the symbolic engine's certificate is over every fault set within the
// bounds; the lineage loop's over the outcomes of the fault-free run.
std::string proof_paragraph(const search::CheckResult& r) {
    std::string out;
    if (r.engine == search::Strategy::SYMBOLIC && r.outcome == search::Outcome::CERTIFIED) {
        out +=
            "<p class=\"proof\">Proved by the symbolic engine: no fault set within the bounds violates the "
            "invariant. That is every one of " +
            esc(r.fault_sets) +
            " fault sets (message omissions before EFF and crashes within the crash bound), decided as one "
            "problem over the grounded program; none had to be run.</p>";
    }
    if (r.engine == search::Strategy::SYMBOLIC && r.outcome == search::Outcome::COUNTEREXAMPLE) {
        out +=
            "<p class=\"proof\">Found by the symbolic engine and confirmed by the simulator: no fault set "
            "with "
            "fewer faults violates the invariant (of " +
            esc(r.fault_sets) + " fault sets within the bounds).</p>";
    }
    if (!r.fallback_reason.empty()) {
        out += "<p class=\"warn\">The symbolic engine could not decide (" + esc(r.fallback_reason) +
               "); the lineage loop did.</p>";
    }
    if (!r.untargeted_pre.empty()) {
        out +=
            "<p class=\"warn\">Certified by the lineage loop, which aims only at the fault-free run's "
            "outcomes. These <code>pre</code> tuples may hold under faults and were not targeted "
            "(<code>--strategy symbolic</code> covers them):";
        for (const auto& t : r.untargeted_pre)
            out += " <code>" + esc(format_tuple("pre", t.values)) + "</code>";
        out += "</p>";
    }
    return out;
}

std::string summary_section(const ReportContext& ctx) {
    const CheckContext& c = ctx.check;
    const search::CheckResult& r = ctx.result;
    const auto& b = c.model.bounds();
    std::string verdict = search::to_string(r.outcome);
    std::string files, nodes;
    for (const auto& f : c.files) files += (files.empty() ? "" : " ") + esc(f);
    for (const auto& n : c.model.nodes()) nodes += (nodes.empty() ? "" : ", ") + esc(n);
    std::string out = "<section id=\"summary\"><div class=\"verdict-line\"><span class=\"verdict " + verdict +
                      "\">" + verdict + "</span> after " + std::to_string(r.runs.size()) + " execution" +
                      (r.runs.size() == 1 ? "" : "s");
    if (!r.counterexamples.empty()) {
        out += ": " + esc(faults_summary(c.model, r.counterexamples[0].faults)) + " breaks the invariant";
    }
    out += "</div>";
    if (!r.unknown_reason.empty()) out += "<p class=\"warn\">" + esc(r.unknown_reason) + "</p>";
    if (r.vacuous)
        out +=
            "<p class=\"warn\">No <code>pre</code> tuple held in any run explored: the invariant is "
            "vacuous.</p>";
    out += proof_paragraph(r);
    out += "<dl class=\"config\">" + config_item("spec", "<code>" + files + "</code>") +
           config_item("nodes", nodes) + config_item("EOT", std::to_string(b.eot)) +
           config_item("EFF", std::to_string(b.eff)) + config_item("crashes", std::to_string(b.max_crashes)) +
           config_item("oracle", oracle_name(c.options.oracle)) +
           config_item("strategy", search::to_string(c.options.strategy)) +
           config_item("executions", std::to_string(r.runs.size()));
    out += config_item("engine", search::to_string(r.engine));
    if (r.grounding) {
        out += config_item("grounding", std::to_string(r.grounding->atoms) + " atoms, " +
                                            std::to_string(r.grounding->instances) + " rule instances");
        if (r.evaluations > 0)
            out += config_item("evaluated outright", std::to_string(r.evaluations) + " fault sets");
        if (r.solver_calls > 0) {
            out += config_item("Z3", std::to_string(r.grounding->variables) + " variables, " +
                                         std::to_string(r.grounding->constraints) + " constraints, " +
                                         std::to_string(r.solver_calls) + " queries");
        }
    }
    if (r.engine == search::Strategy::LDFI) {
        out += config_item("rounds", std::to_string(r.rounds)) +
               config_item("solver calls", std::to_string(r.solver_calls)) +
               config_item("fault sets evaluated", std::to_string(r.evaluations));
    }
    out += config_item("spec hash", "<code>fnv1a64:" + esc(ctx.spec.hash) + "</code>") + "</dl>";
    if (c.timing) {
        out += "<p class=\"timing\">time: simulate " + seconds(r.times.simulate) + ", lineage " +
               seconds(r.times.lineage) + ", ground " + seconds(r.times.ground) + ", solve " +
               seconds(r.times.solve) + ", total " + seconds(r.times.total) + "</p>";
    }
    return out + "</section>\n";
}

// The tuples of a run per time (rows) and node (columns), by their location (first) column.
std::string state_table(const ReportContext& ctx, const sim::Run& run) {
    const auto& program = ctx.check.program;
    const auto& nodes = ctx.check.model.nodes();
    std::int32_t eot = run.db.eot();
    std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(eot) * (nodes.size() + 1));
    std::vector<std::pair<std::string, RelId>> rels;
    for (std::uint32_t i = 0; i < program.relations.size(); ++i) {
        if (program.relations[i].kind != analysis::RelKind::BUILTIN_CLOCK)
            rels.push_back({program.relations[i].name, RelId(i)});
    }
    std::sort(rels.begin(), rels.end());
    std::size_t total = 0, shown = 0;
    bool other = false;
    for (std::int32_t t = 1; t <= eot; ++t) {
        for (const auto& [name, rel] : rels) {
            for (const auto& tuple : sim::tuples_at(run, rel, t)) {
                ++total;
                if (shown >= STATE_MAX_TUPLES) continue;
                ++shown;
                std::size_t col = nodes.size();
                if (!tuple.empty()) {
                    if (const auto* s = std::get_if<std::string>(&tuple[0])) {
                        col = static_cast<std::size_t>(std::find(nodes.begin(), nodes.end(), *s) -
                                                       nodes.begin());
                    }
                }
                other = other || col == nodes.size();
                cells[static_cast<std::size_t>(t - 1) * (nodes.size() + 1) + col].push_back(
                    format_tuple(name, tuple));
            }
        }
    }
    std::string out = "<table class=\"state\"><thead><tr><th>time</th>";
    for (const auto& n : nodes) out += "<th>" + esc(n) + "</th>";
    if (other) out += "<th>other</th>";
    out += "</tr></thead><tbody>";
    for (std::int32_t t = 1; t <= eot; ++t) {
        out += "<tr><th>" + std::to_string(t) + "</th>";
        for (std::size_t col = 0; col < nodes.size() + (other ? 1 : 0); ++col) {
            out += "<td>";
            for (const auto& s : cells[static_cast<std::size_t>(t - 1) * (nodes.size() + 1) + col]) {
                out += "<div>" + esc(s) + "</div>";
            }
            out += "</td>";
        }
        out += "</tr>";
    }
    out += "</tbody></table>";
    if (total > shown) {
        out += "<p class=\"note\">" + std::to_string(total - shown) + " of " + std::to_string(total) +
               " tuples not shown (at most " + std::to_string(STATE_MAX_TUPLES) + " per run).</p>";
    }
    return "<details class=\"state\"><summary>Relations per time step (" + std::to_string(total) + " tuples" +
           (other ? "; tuples whose first column is not a node under \u201cother\u201d" : "") +
           ")</summary>" + out + "</details>";
}

std::string lineage_figure(const LineageSvg& g, const std::string& caption) {
    if (g.svg.empty()) {
        std::string why = !g.error.empty() ? "Graphviz failed: " + g.error : "nothing to draw";
        return "<figure class=\"diagram-missing\"><figcaption>" + caption +
               "</figcaption><p class=\"note\">" + esc(why) + "</p></figure>";
    }
    std::string out = "<figure class=\"diagram lineage\"><figcaption>" + caption + "</figcaption>" + g.svg;
    out +=
        "<p class=\"legend\"><span class=\"key goal\"></span>broken goal <span class=\"key "
        "gone\"></span>tuple "
        "absent in the faulty run <span class=\"key cut\"></span>message lost to the faults <span "
        "class=\"key "
        "msg\"></span>message <span class=\"key notin\"></span>its loss would make a <code>notin</code> "
        "atom hold</p>";
    std::string note;
    if (g.collapsed > 0) {
        note += std::to_string(g.collapsed) + " tuples folded into persistence chains (shown as @t1..t2). ";
    }
    if (g.stable > 0) {
        note += std::to_string(g.stable) +
                " tuples no fault can remove (local facts and what follows from them "
                "alone) not drawn. ";
    }
    if (g.elided > 0) {
        note += std::to_string(g.elided) + " of " + std::to_string(g.shown + g.elided) +
                " nodes elided (at most " + std::to_string(LINEAGE_MAX_NODES) +
                " shown, nearest the goals first).";
    }
    if (!note.empty()) out += "<p class=\"note\">" + note + "</p>";
    return out + "</figure>";
}

std::string space_time_figure(const ReportContext& ctx, const sim::Run& run,
                              const std::set<MessageKey>& emphasised) {
    return "<figure class=\"diagram space-time-fig\"><figcaption>Space-time diagram</figcaption>" +
           space_time_svg(ctx.check.program, ctx.check.model, run, emphasised) +
           "<p class=\"legend\"><span class=\"key arrow\"></span>delivered <span class=\"key "
           "lineage\"></span>in the "
           "lineage <span class=\"key lost\"></span>lost <span "
           "class=\"cross\">\u2715</span>crash</p></figure>";
}

// The diagrams of one run: for a counterexample the fault-free lineage of the goals it broke,
// with its faults; otherwise the lineage the search learned from the run itself.
std::string run_body(const ReportContext& ctx, std::size_t index, const std::string& id_prefix) {
    const search::RunRecord& rec = ctx.result.runs[index];
    const sim::Run& run = *rec.run;
    LineageSvg g;
    std::string caption;
    const auto& program = ctx.check.program;
    const auto& model = ctx.check.model;
    if (rec.verdict.violated && ctx.fault_free_lineage) {
        LineageView view{broken_roots(*ctx.fault_free_lineage, rec.verdict.missing), &rec.faults, &run,
                         LINEAGE_MAX_NODES, id_prefix};
        g = lineage_svg(program, model, *ctx.fault_free_lineage, view);
        caption = "Lineage of the broken goal" + std::string(view.roots.size() == 1 ? "" : "s") +
                  " in the fault-free run, cut by " + esc(faults_summary(model, rec.faults));
    } else if (rec.lineage) {
        LineageView view{rec.lineage->goals(), nullptr, nullptr, LINEAGE_MAX_NODES, id_prefix};
        g = lineage_svg(program, model, *rec.lineage, view);
        caption = "Lineage the search learned from this run";
    } else {
        caption = "Lineage";
        g.error = rec.verdict.violated ? "" : "the search learned no lineage from this run";
    }
    std::string out = "<div class=\"diagrams\">" + space_time_figure(ctx, run, g.messages) +
                      lineage_figure(g, caption) + "</div>";
    return out + state_table(ctx, run);
}

std::string counterexample_article(const ReportContext& ctx, std::size_t n) {
    const search::Counterexample& ce = ctx.result.counterexamples[n - 1];
    std::string out = "<article class=\"ce\" id=\"ce-" + std::to_string(n) + "\"><h2>Counterexample " +
                      std::to_string(n) + ": <code>" + esc(faults_summary(ctx.check.model, ce.faults)) +
                      "</code></h2>";
    out += "<p>Run " + std::to_string(ce.run_index) +
           " violates the invariant: " + tuple_list("pre", ce.verdict.missing, MAX_LISTED_TUPLES) +
           (ce.verdict.missing.size() == 1 ? " has" : " have") +
           " no <code>post</code> at EOT. Replay it with <code>ldfi replay counterexample-" +
           std::to_string(n) + ".json</code>.</p>";
    if (ctx.result.runs[ce.run_index].run) out += run_body(ctx, ce.run_index, "ce" + std::to_string(n));
    return out + "</article>\n";
}

std::string outcome_cell(const ReportContext& ctx, std::size_t i) {
    const search::RunRecord& rec = ctx.result.runs[i];
    if (std::size_t n = counterexample_number(ctx, i)) {
        return "<span class=\"badge bad\">counterexample " + std::to_string(n) + "</span>";
    }
    if (rec.verdict.violated) return "<span class=\"badge bad\">violated</span>";
    if (rec.verdict.pre_count == 0) return "<span class=\"badge muted\">holds (no pre)</span>";
    return "<span class=\"badge good\">holds</span>";
}

std::string runs_section(const ReportContext& ctx) {
    const auto& runs = ctx.result.runs;
    std::string out =
        "<section id=\"runs\"><h2>Runs</h2><p class=\"note\">Every execution in order; click a run "
        "to see its diagrams.";
    if (runs.size() > REPORT_DETAIL_RUNS) {
        out += " Diagrams are embedded for the first " + std::to_string(REPORT_DETAIL_RUNS) +
               " runs and the counterexamples only; " + std::to_string(runs.size() - REPORT_DETAIL_RUNS) +
               " later runs are listed without them (runs.json has every run).";
    }
    out +=
        "</p><table id=\"runs-table\"><thead><tr><th>#</th><th>round</th><th>faults</th><th>outcome</th>"
        "<th>goals lost</th></tr></thead><tbody>";
    const std::string post =
        ctx.check.program.post.valid() ? ctx.check.program.relation(ctx.check.program.post).name : "post";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        bool details = has_details(ctx, i);
        std::size_t ce = has_article(ctx, i) ? counterexample_number(ctx, i) : 0;
        out += "<tr data-run=\"" + std::to_string(i) + "\"" +
               (ce ? " data-ce=\"" + std::to_string(ce) + "\"" : "") +
               (details ? " class=\"clickable\" tabindex=\"0\""
                        : " title=\"no diagrams embedded for this run\"") +
               ">";
        out += "<td>" + std::to_string(i) + "</td><td>" + std::to_string(runs[i].round) + "</td><td><code>" +
               esc(faults_summary(ctx.check.model, runs[i].faults)) + "</code></td><td>" +
               outcome_cell(ctx, i) + "</td><td>";
        if (runs[i].run) {
            auto lost = goals_lost(ctx, runs[i]);
            out += lost.empty()
                       ? "\u2014"
                       : std::to_string(lost.size()) + ": " + tuple_list(post, lost, MAX_LISTED_TUPLES);
        }
        out += "</td></tr>";
    }
    return out + "</tbody></table><div id=\"run-detail\"></div></section>\n";
}

// Runs shown on click live in inert <template>s; counterexamples are already on the page.
std::string run_templates(const ReportContext& ctx) {
    std::string out;
    for (std::size_t i = 0; i < ctx.result.runs.size(); ++i) {
        if (!has_details(ctx, i) || has_article(ctx, i)) continue;
        const auto& rec = ctx.result.runs[i];
        out += "<template id=\"run-tpl-" + std::to_string(i) + "\"><article class=\"run\"><h2>Run " +
               std::to_string(i) + " (round " + std::to_string(rec.round) + "): <code>" +
               esc(faults_summary(ctx.check.model, rec.faults)) + "</code></h2>" +
               run_body(ctx, i, "r" + std::to_string(i)) + "</article></template>\n";
    }
    return out;
}

}  // namespace

// XML's rules serve HTML too, and one escaper means one place that keeps malformed UTF-8 and
// control bytes out of the report as it keeps them out of JUnit XML. Attribute rules everywhere:
// the same text goes into element content and into attributes (tooltips).
std::string html_escape(std::string_view text) { return xml_escape(text, true); }

std::string report_html(const ReportContext& ctx) {
    std::string title = "ldfi: " + std::string(search::to_string(ctx.result.outcome));
    for (const auto& f : ctx.check.files) title += " " + f;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
        esc(title) + "</title><style>" + REPORT_CSS + "</style></head>\n<body data-executions=\"" +
        std::to_string(ctx.result.runs.size()) + "\">\n<header><h1>ldfi report</h1><span>" +
        esc(title.substr(6)) + "</span></header>\n<main>\n";
    out += summary_section(ctx);
    if (!ctx.result.counterexamples.empty()) {
        out += "<section id=\"counterexamples\">";
        std::size_t count = ctx.result.counterexamples.size();
        for (std::size_t n = 1; n <= std::min(count, REPORT_CE_ARTICLES); ++n)
            out += counterexample_article(ctx, n);
        if (count > REPORT_CE_ARTICLES) {
            out += "<p class=\"note\">Counterexamples " + std::to_string(REPORT_CE_ARTICLES + 1) + " to " +
                   std::to_string(count) + " are not drawn here; click their rows in the table of runs.</p>";
        }
        out += "</section>\n";
    }
    out += runs_section(ctx);
    out += "</main>\n<footer>ldfi " + std::string(version()) +
           " \u00b7 runs.json and counterexample-N.json next to "
           "this page hold the same data (docs/json.md)</footer>\n";
    out += run_templates(ctx);
    out += "<pre id=\"selftest\" hidden></pre>\n<script>" + std::string(REPORT_JS) +
           "</script>\n</body></html>\n";
    return out;
}

}  // namespace ldfi::viz
