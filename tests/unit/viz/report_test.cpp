// The report's pieces: Graphviz SVG (deterministic, quiet), the space-time diagram, lineage
// elision, HTML escaping, the spec digest and the report files.
#include "ldfi/viz/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ldfi/util/fnv.hpp"
#include "spec_text.hpp"

namespace ldfi::viz {
namespace {

// Simple broadcast (protocols/simple-deliv.ded) with a payload that needs escaping in HTML.
const char* const DELIV = R"(
proc("a")@1; proc("b")@1; proc("c")@1;
proc(N)@next :- proc(N);
node(N, M) :- proc(N), proc(M), N != M;
correct(N) :- proc(N), notin crash(N, N, _);
bcast("a", "<b>&\"x'")@1;
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
log(M, P)@async :- bcast(N, P), node(N, M);
pre(N, P) :- correct(N), bcast(S, P)@1, correct(S);
pre(N, P) :- correct(N), log(M, P), correct(M), notin bcast(M, P)@1;
post(N, P) :- log(N, P);
)";

struct Checked {
    std::shared_ptr<const analysis::CheckedProgram> program = test::checked(DELIV);
    sim::FaultModel model{{"a", "b", "c"}, {4, 2, 0}};
    search::CheckOptions options;
    search::CheckResult result;
    std::vector<std::string> files{"deliv.ded"};

    Checked() {
        options.keep_runs = true;
        result = search::check(program, model, options);
    }
    std::string html() const {
        CheckContext check{*program, model, files, options, false};
        ReportContext ctx{check, result, spec_digest({"deliv.ded"}, {DELIV}),
                          fault_free_lineage(check, result)};
        return report_html(ctx);
    }
    std::string counterexample_json() const {
        CheckContext check{*program, model, files, options, false};
        ReportContext ctx{check, result, spec_digest({"deliv.ded"}, {DELIV}),
                          fault_free_lineage(check, result)};
        return report_counterexample_json(ctx, 1);
    }
};

const char* const SMALL_DOT = "digraph g { a -> b; b -> c; a -> c; c [label=\"<&>\"]; }";

TEST(GraphvizSvg, IsDeterministicInlineAndWithoutComments) {
    std::string error;
    std::string first = dot_to_svg(SMALL_DOT, "x1", error);
    ASSERT_EQ(error, "");
    std::string second = dot_to_svg(SMALL_DOT, "x1", error);
    EXPECT_EQ(first, second);
    EXPECT_EQ(first.rfind("<svg", 0), 0u);  // no XML prologue or doctype
    EXPECT_EQ(first.find("<!--"), std::string::npos);
    EXPECT_EQ(first.find("graphviz version"), std::string::npos);
    EXPECT_NE(first.find("id=\"x1-"), std::string::npos);
    EXPECT_EQ(first.find("id=\"graph"), std::string::npos);
    EXPECT_NE(first.find("&lt;&amp;&gt;"), std::string::npos);
}

TEST(GraphvizSvg, ReportsBadInputWithoutWritingToStderr) {
    std::string error;
    testing::internal::CaptureStderr();
    std::string svg = dot_to_svg("digraph { a -> ", "x", error);
    std::string stderr_text = testing::internal::GetCapturedStderr();
    EXPECT_EQ(svg, "");
    EXPECT_NE(error, "");
    EXPECT_EQ(stderr_text, "");
    // A later good graph still renders: the error state does not stick.
    EXPECT_NE(dot_to_svg(SMALL_DOT, "x", error), "");
    EXPECT_EQ(error, "");
}

TEST(HtmlEscape, EscapesEverySpecialCharacter) {
    EXPECT_EQ(html_escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    EXPECT_EQ(html_escape("plain"), "plain");
}

// The report declares UTF-8: a malformed byte or a control byte from a spec's strings is shown,
// never copied into the page; well-formed UTF-8 and line breaks pass (as references).
TEST(HtmlEscape, ShowsMalformedAndControlBytes) {
    EXPECT_EQ(html_escape("a\xff\x01" "b"), "a\\xFF\\x01b");
    EXPECT_EQ(html_escape("\xe2\x86\x92\n"), "\xe2\x86\x92&#10;");
}

TEST(SpecDigest, IsFnv1a64OfTheConcatenation) {
    EXPECT_EQ(hex64(fnv1a64("")), "cbf29ce484222325");
    EXPECT_EQ(hex64(fnv1a64("a")), "af63dc4c8601ec8c");
    SpecDigest d = spec_digest({"x.ded", "y.ded"}, {"ab", "c"});
    ASSERT_EQ(d.sources.size(), 2u);
    EXPECT_EQ(d.sources[0].hash, hex64(fnv1a64("ab")));
    EXPECT_EQ(d.hash, hex64(fnv1a64("abc")));
}

TEST(SpaceTime, DrawsLostMessagesCrashesAndEmphasis) {
    Checked c;
    ASSERT_EQ(c.result.outcome, search::Outcome::COUNTEREXAMPLE);
    const auto& ce = c.result.counterexamples[0];
    const sim::Run& run = *c.result.runs[ce.run_index].run;
    std::set<MessageKey> emphasised;
    for (const auto& m : run.messages) emphasised.insert({m.rel, m.from, m.to, m.sent});
    std::string svg = space_time_svg(*c.program, c.model, run, emphasised);
    EXPECT_EQ(svg, space_time_svg(*c.program, c.model, run, emphasised));
    EXPECT_NE(svg.find("stroke-dasharray=\"6 4\""), std::string::npos);  // the lost message
    EXPECT_NE(svg.find("st-msg lost lineage"), std::string::npos);
    EXPECT_NE(svg.find("&lt;b&gt;&amp;\\&quot;x&apos;"), std::string::npos);  // the payload, in the tooltip
    EXPECT_EQ(svg.find("<b>"), std::string::npos);

    sim::FailureSpec crash;
    crash.add(sim::Crash{NodeId(0), 2});
    sim::Simulator simulator(c.program, sim::FaultModel({"a", "b", "c"}, {4, 2, 1}));
    std::string crashed = space_time_svg(*c.program, c.model, simulator.run(crash), {});
    EXPECT_NE(crashed.find("crash @2"), std::string::npos);
}

TEST(LineageSvg, HighlightsTheCutAndElidesBeyondTheCap) {
    Checked c;
    CheckContext check{*c.program, c.model, c.files, c.options, false};
    auto graph = fault_free_lineage(check, c.result);
    ASSERT_NE(graph, nullptr);
    const auto& ce = c.result.counterexamples[0];
    LineageView view{graph->goals(), &ce.faults, c.result.runs[ce.run_index].run.get(), LINEAGE_MAX_NODES,
                     "t"};
    LineageSvg full = lineage_svg(*c.program, c.model, *graph, view);
    ASSERT_NE(full.svg, "");
    EXPECT_EQ(full.elided, 0u);
    EXPECT_NE(full.svg.find("LOST"), std::string::npos);
    EXPECT_GT(full.collapsed, 0u);  // log(...)@2..4 persists
    EXPECT_EQ(full.svg, lineage_svg(*c.program, c.model, *graph, view).svg);

    view.max_nodes = 3;
    LineageSvg capped = lineage_svg(*c.program, c.model, *graph, view);
    EXPECT_EQ(capped.shown, 3u);
    EXPECT_EQ(capped.shown + capped.elided, full.shown);
    EXPECT_NE(capped.svg, "");
}

TEST(ReportHtml, IsSelfContainedDeterministicAndEscaped) {
    Checked c;
    std::string html = c.html();
    EXPECT_EQ(html, Checked().html());
    EXPECT_EQ(html.find("<b>&"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;&amp;\\&quot;x&#39;"), std::string::npos);
    // Nothing is fetched: no src attributes, and the only URLs are XML namespaces (names).
    EXPECT_EQ(html.find(" src="), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    for (std::size_t at = html.find("http://"); at != std::string::npos; at = html.find("http://", at + 1)) {
        EXPECT_EQ(html.compare(at, 18, "http://www.w3.org/"), 0) << html.substr(at, 60);
    }
    EXPECT_NE(html.find("data-executions=\"" + std::to_string(c.result.runs.size()) + "\""),
              std::string::npos);
    EXPECT_NE(html.find("id=\"ce-1\""), std::string::npos);
}

TEST(ReportJson, CounterexampleRecordsWhatReplayNeeds) {
    Checked c;
    auto doc = nlohmann::json::parse(c.counterexample_json());
    EXPECT_EQ(doc["schema"], 1);
    EXPECT_EQ(doc["kind"], "counterexample");
    EXPECT_EQ(doc["spec"]["fnv1a64"], hex64(fnv1a64(DELIV)));
    EXPECT_EQ(doc["config"]["eot"], 4);
    EXPECT_EQ(doc["faults"]["omissions"].size(), 1u);
    EXPECT_EQ(doc["verdict"]["violated"], true);
    EXPECT_EQ(doc["verdict"]["missing"][0][1], "<b>&\"x'");
}

}  // namespace
}  // namespace ldfi::viz
