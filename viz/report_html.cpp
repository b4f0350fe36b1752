// The report page: one self-contained HTML file (inline CSS, data and script; nothing fetched):
// the verdict and config, each counterexample, a table of runs whose rows show their own diagrams
// when clicked, and the spec. The script draws every diagram from the embedded data.
#include <algorithm>
#include <cstdio>

#include "ldfi/util/version.hpp"
#include "ldfi/viz/junit.hpp"
#include "ldfi/viz/run_output.hpp"
#include "report_data.hpp"
#include "report_parts.hpp"
#include "report_proof.hpp"
#include "report_script.hpp"
#include "report_style.hpp"
#include "spec_html.hpp"

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
    out += proof_paragraph(ctx);
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

std::string counterexample_article(const ReportContext& ctx, std::size_t n) {
    const search::Counterexample& ce = ctx.result.counterexamples[n - 1];
    std::string out = "<article class=\"ce\" id=\"ce-" + std::to_string(n) + "\"><h2>Counterexample " +
                      std::to_string(n) + ": <code>" + esc(faults_summary(ctx.check.model, ce.faults)) +
                      "</code></h2>";
    out += "<p>Run " + std::to_string(ce.run_index) +
           " violates the invariant: " + tuple_list("pre", ce.verdict.missing, MAX_LISTED_TUPLES) +
           (ce.verdict.missing.size() == 1 ? " has" : " have") +
           " no <code>post</code> at EOT. Replay it with <code>ldfi replay counterexample-" +
           std::to_string(n) + ".json</code>; <a href=\"#ce-" + std::to_string(n) + "\">permalink</a>.</p>";
    if (ctx.result.runs[ce.run_index].run)
        out += "<div class=\"run-view\" data-run=\"" + std::to_string(ce.run_index) + "\"></div>";
    return out + "</article>\n";
}

// The outcome as the runs filter names it, and as the table shows it.
std::pair<const char*, std::string> outcome(const ReportContext& ctx, std::size_t i) {
    const search::RunRecord& rec = ctx.result.runs[i];
    if (std::size_t n = counterexample_number(ctx, i)) {
        return {"counterexample",
                "<span class=\"badge bad\">counterexample " + std::to_string(n) + "</span>"};
    }
    if (rec.verdict.violated) return {"violated", "<span class=\"badge bad\">violated</span>"};
    if (rec.verdict.pre_count == 0) return {"no-pre", "<span class=\"badge muted\">holds (no pre)</span>"};
    return {"holds", "<span class=\"badge good\">holds</span>"};
}

std::string runs_section(const ReportContext& ctx) {
    const auto& runs = ctx.result.runs;
    std::string out =
        "<section id=\"runs\"><h2>Runs</h2><p class=\"note\">Every execution in order; click a run "
        "to see its diagrams (its number is a permalink).";
    if (runs.size() > REPORT_DETAIL_RUNS) {
        out += " Diagrams are embedded for the first " + std::to_string(REPORT_DETAIL_RUNS) +
               " runs and the counterexamples only; " + std::to_string(runs.size() - REPORT_DETAIL_RUNS) +
               " later runs are listed without them (runs.json has every run).";
    }
    out +=
        "</p><div class=\"filters\"><input id=\"runs-filter\" type=\"search\" placeholder=\"filter: a fault, "
        "a "
        "node, a goal (words all match)\" aria-label=\"filter runs\"><select id=\"runs-outcome\" "
        "aria-label=\"outcome\"><option value=\"\">every outcome</option><option "
        "value=\"violated\">violated</option><option "
        "value=\"counterexample\">counterexamples</option><option "
        "value=\"holds\">holds</option><option value=\"no-pre\">no pre</option></select><span "
        "id=\"runs-count\" class=\"note\"></span></div>"
        "<table id=\"runs-table\"><thead><tr><th>#</th><th>round</th><th>faults</th><th>outcome</th>"
        "<th>goals lost</th></tr></thead><tbody>";
    const std::string post =
        ctx.check.program.post.valid() ? ctx.check.program.relation(ctx.check.program.post).name : "post";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        bool details = has_details(ctx, i);
        std::size_t ce = has_article(ctx, i) ? counterexample_number(ctx, i) : 0;
        auto [kind, badge] = outcome(ctx, i);
        std::string link = ce ? "#ce-" + std::to_string(ce) : "#run-" + std::to_string(i);
        out += "<tr data-run=\"" + std::to_string(i) + "\" data-round=\"" + std::to_string(runs[i].round) +
               "\" data-outcome=\"" + kind + "\"" + (ce ? " data-ce=\"" + std::to_string(ce) + "\"" : "") +
               (details ? " class=\"clickable\" tabindex=\"0\""
                        : " title=\"no diagrams embedded for this run\"") +
               ">";
        out += "<td>" +
               (details ? "<a href=\"" + link + "\">" + std::to_string(i) + "</a>" : std::to_string(i)) +
               "</td><td>" + std::to_string(runs[i].round) + "</td><td><code>" +
               esc(faults_summary(ctx.check.model, runs[i].faults)) + "</code></td><td>" + badge +
               "</td><td>";
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
    out += redundancy_section(ctx);
    out += runs_section(ctx);
    if (ctx.check.sources) out += spec_html(*ctx.check.sources);
    out += "</main>\n<footer>ldfi " + std::string(version()) +
           " \u00b7 runs.json and counterexample-N.json next to "
           "this page hold the same data (docs/json.md)</footer>\n";
    out += "<pre id=\"selftest\" hidden></pre>\n<script type=\"application/json\" id=\"ldfi-data\">" +
           script_json(report_data(ctx)) + "</script>\n<script>" + report_script() +
           "</script>\n</body></html>\n";
    return out;
}

}  // namespace ldfi::viz
