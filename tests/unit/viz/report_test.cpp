// The report's pieces: the page's data (runs as differences from the fault-free run, lineage
// views), lineage selection and elision, the spec listing, HTML escaping, the spec digest and the
// report files.
#include "ldfi/viz/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ldfi/util/fnv.hpp"
#include "lineage_select.hpp"
#include "report_data.hpp"
#include "report_proof.hpp"
#include "spec_html.hpp"
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
    nlohmann::json data() const {
        CheckContext check{*program, model, files, options, false};
        ReportContext ctx{check, result, spec_digest({"deliv.ded"}, {DELIV}),
                          fault_free_lineage(check, result)};
        return report_data(ctx);
    }
    std::string counterexample_json() const {
        CheckContext check{*program, model, files, options, false};
        ReportContext ctx{check, result, spec_digest({"deliv.ded"}, {DELIV}),
                          fault_free_lineage(check, result)};
        return report_counterexample_json(ctx, 1);
    }
};

TEST(HtmlEscape, EscapesEverySpecialCharacter) {
    EXPECT_EQ(html_escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    EXPECT_EQ(html_escape("plain"), "plain");
}

// The report declares UTF-8: a malformed byte or a control byte from a spec's strings is shown,
// never copied into the page; well-formed UTF-8 and line breaks pass (as references).
TEST(HtmlEscape, ShowsMalformedAndControlBytes) {
    EXPECT_EQ(html_escape("a\xff\x01"
                          "b"),
              "a\\xFF\\x01b");
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

TEST(LineageSelect, MarksTheCutAndElidesBeyondTheCap) {
    Checked c;
    CheckContext check{*c.program, c.model, c.files, c.options, false};
    auto graph = fault_free_lineage(check, c.result);
    ASSERT_NE(graph, nullptr);
    const auto& ce = c.result.counterexamples[0];
    LineageView view{graph->goals(), &ce.faults, c.result.runs[ce.run_index].run.get(), LINEAGE_MAX_NODES};
    LineageSelection full = select_lineage(*c.program, *graph, view);
    EXPECT_EQ(full.elided, 0u);
    EXPECT_GT(full.collapsed, 0u);  // log(...)@2..4 persists
    EXPECT_FALSE(full.messages.empty());
    bool missing = false;
    for (const auto& [t, d] : full.tuples) missing = missing || d.missing;
    EXPECT_TRUE(missing);  // the lost message's log tuple is absent from the faulty run

    view.max_nodes = 3;
    LineageSelection capped = select_lineage(*c.program, *graph, view);
    EXPECT_EQ(capped.shown, 3u);
    EXPECT_EQ(capped.shown + capped.elided, full.shown);
}

// Every run is the fault-free run plus its differences: the counterexample loses one message
// (omitted, code 1) and the tuples it carried vanish; its views say why pre held and why post
// did not, the lost message's firing flagged.
TEST(ReportData, StoresRunsAsDifferencesAndBothHalvesOfWhy) {
    Checked c;
    nlohmann::json d = c.data();
    EXPECT_EQ(d, Checked().data());
    const auto& ce = c.result.counterexamples[0];
    const nlohmann::json& run = d["runs"][std::to_string(ce.run_index)];
    ASSERT_EQ(run["lost"].size(), 1u);
    EXPECT_EQ(run["lost"][0][1], 1);
    EXPECT_FALSE(run["del"].empty());
    EXPECT_TRUE(run["add"].empty());
    ASSERT_EQ(run["views"].size(), 2u);
    EXPECT_EQ(run["views"][0]["kind"], "cut");
    EXPECT_EQ(run["views"][1]["kind"], "pre");
    bool cut = false;
    for (const auto& n : run["views"][0]["n"]) cut = cut || (n[0] == 1 && (n[4].get<int>() & 8));
    EXPECT_TRUE(cut);
    // The fault-free run differs from itself in nothing.
    const nlohmann::json& base = d["runs"]["0"];
    EXPECT_TRUE(base["add"].empty() && base["del"].empty() && base["gone"].empty() && base["lost"].empty());
    // Interned strings: the payload appears once, as text (escaped only when embedded).
    const auto& strings = d["s"];
    EXPECT_NE(std::find(strings.begin(), strings.end(), "bcast(a, \"<b>&\\\"x'\")"), strings.end());
}

TEST(ReportData, EmbeddedJsonCannotCloseItsScript) {
    nlohmann::json doc = {{"s", {"</script><b>"}}};
    std::string text = script_json(doc);
    EXPECT_EQ(text.find('<'), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(text), doc);
}

TEST(SpecHtml, AnchorsEveryLineAndHighlightsWithoutTrustingTheText) {
    SourceFiles files;
    files.add("a.ded", "// c <x>\np(X)@next :- q(X), notin r(X, \"s<\");\n");
    std::string html = spec_html(files);
    EXPECT_NE(html.find("id=\"L0-1\""), std::string::npos);
    EXPECT_NE(html.find("id=\"L0-2\""), std::string::npos);
    EXPECT_EQ(html.find("id=\"L0-3\""), std::string::npos);  // no line after the final newline
    EXPECT_NE(html.find("<span class=\"hc\">// c &lt;x&gt;</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"ht\">@next</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"hk\">notin</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"hs\">&quot;s&lt;&quot;</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"hr\">q</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"hv\">X</span>"), std::string::npos);
    // An unterminated comment or string is still shown, to the end.
    SourceFiles bad;
    bad.add("b.ded", "p(1); /* open\n\"x");
    EXPECT_NE(spec_html(bad).find("id=\"L0-2\""), std::string::npos);
}

// A relay: every holder forwards the log, so losing a->b@1 leaves b's copy to arrive at 2 (from a
// again, or through c). The certified page shows that cut and what carried the outcome anyway.
TEST(ReportProof, CertifiedPageShowsEachOutcomesCutsAndWhatCarriedIt) {
    auto program = test::checked(R"(
proc("a")@1; proc("b")@1; proc("c")@1;
proc(N)@next :- proc(N);
node(N, M) :- proc(N), proc(M), N != M;
bcast("a", "d")@1;
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
log(M, P)@async :- log(N, P), node(N, M);
pre(N, P) :- proc(N), bcast("a", P)@1;
post(N, P) :- log(N, P);
)");
    sim::FaultModel model{{"a", "b", "c"}, {4, 2, 0}};
    search::CheckOptions options;
    search::CheckResult result = search::check(program, model, options);
    ASSERT_EQ(result.outcome, search::Outcome::CERTIFIED);
    std::vector<std::string> files{"relay.ded"};
    CheckContext check{*program, model, files, options, false};
    ReportContext ctx{check, result, spec_digest({"relay.ded"}, {""}), fault_free_lineage(check, result)};
    std::string proof = proof_paragraph(ctx);
    EXPECT_NE(proof.find("fault sets within the bounds"), std::string::npos) << proof;
    std::string section = redundancy_section(ctx);
    EXPECT_NE(section.find("Why every good outcome survived"), std::string::npos);
    std::size_t row = section.find("<code>post(b, d)@4</code>");
    ASSERT_NE(row, std::string::npos) << section;
    std::size_t cut =
        section.find("<tr><td><code>omit a-&gt;b@1</code></td><td>log a\u2192b @1</td><td>", row);
    ASSERT_NE(cut, std::string::npos) << section.substr(row, 2000);
    std::size_t end = section.find("</td></tr>", cut);
    std::string carried = section.substr(cut, end - cut);
    EXPECT_NE(carried.find("\u2192b @2"), std::string::npos) << carried;  // b's copy arrives at 2
    EXPECT_EQ(section, redundancy_section(ctx));
}

// A check stopped inside the fault-free run recorded no run: the report says so and does not
// simulate that run again (it could take as long as the check had; here the join work limit of
// one unit would end any simulation at once).
TEST(ReportData, ACheckWithoutRunsIsReportedWithoutSimulating) {
    auto program = test::checked_files(
        {std::string(LDFI_SOURCE_DIR) + "/tests/golden/check/lib/join_without_storing.ded"});
    sim::FaultModel model{{"a", "b"}, {3, 2, 0}};
    search::CheckOptions options;
    options.timeout_seconds = 0.002;
    options.guard_deadline = true;
    search::CheckResult result = search::check(program, model, options);
    ASSERT_EQ(result.outcome, search::Outcome::UNKNOWN);
    ASSERT_TRUE(result.runs.empty());
    options.max_work = 1;
    std::vector<std::string> files{"join.ded"};
    CheckContext check{*program, model, files, options, false};
    ReportContext ctx{check, result, spec_digest({"join.ded"}, {""}), fault_free_lineage(check, result)};
    nlohmann::json d = report_data(ctx);
    EXPECT_TRUE(d["base"].empty());
    EXPECT_TRUE(d["runs"].empty());
    EXPECT_NE(report_html(ctx).find("</html>"), std::string::npos);
}

TEST(ReportHtml, IsSelfContainedDeterministicAndEscaped) {
    Checked c;
    std::string html = c.html();
    EXPECT_EQ(html, Checked().html());
    EXPECT_EQ(html.find("<b>&"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;&amp;\\&quot;x&apos;"), std::string::npos);
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
