// JUnit XML (the common Ant/Jenkins shape) for `ldfi check --junit` and `ldfi suite --junit`.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ldfi/search/check.hpp"
#include "ldfi/viz/check_output.hpp"

namespace ldfi::viz {

/// How a test case ended: as expected, a different verdict (<failure>), or no verdict (<error>).
enum class JunitStatus { PASSED, FAILURE, ERROR };

/// One <testcase>.
struct JunitCase {
    std::string name;
    std::string classname;
    double seconds = 0;
    JunitStatus status = JunitStatus::PASSED;
    std::string type;     ///< <failure>/<error> type: "counterexample", "certified", "unknown", ...
    std::string message;  ///< <failure>/<error> message: one line
    std::string details;  ///< <failure>/<error> text: the counterexamples with their lost goals
    std::string output;   ///< <system-out>; left out when empty
};

/// One <testsuite>.
struct JunitSuite {
    std::string name;
    double seconds = 0;
    std::vector<JunitCase> cases;
    /// <properties>: (name, value) pairs, left out when empty (a shard's, docs/junit.md).
    std::vector<std::pair<std::string, std::string>> properties = {};
};

/// How many test cases, and how many of them failed or had an error.
struct JunitCounts {
    std::size_t tests = 0, failures = 0, errors = 0;
};

/// `<testsuites>` holding the one `<testsuite>`, ending in a newline. Every `time` attribute is
/// "0" unless `timing` (so --no-timing output is byte-identical).
std::string junit_xml(const JunitSuite& suite, bool timing);

/// The `<testsuite>` element of `suite` (its name, time and properties; not its cases) around
/// `cases_xml`, test cases as junit_xml writes them (each line indented by four spaces).
std::string junit_testsuite_xml(const JunitSuite& suite, const JunitCounts& counts,
                                const std::string& cases_xml, bool timing);

/// The document: `<testsuites>` named `name` around `suites_xml`, testsuite elements as
/// junit_testsuite_xml writes them.
std::string junit_document_xml(const std::string& name, const JunitCounts& counts, double seconds,
                               const std::string& suites_xml, bool timing);

/// Escapes `text` for XML 1.0 element content, or for a (double- or single-quoted) attribute
/// value: & < > " ' as entities; tab, line feed and carriage return as character references in
/// attributes (where a parser would otherwise turn them into spaces), carriage return also in
/// content. What XML 1.0 cannot carry at all (the other control characters, invalid UTF-8,
/// U+FFFE and U+FFFF) is written visibly as `\xNN`, byte by byte.
std::string xml_escape(std::string_view text, bool attribute);

/// "counterexample: omit a->b@1, crash c@2; lost: post(b, data)": the faults and the goals (post
/// tuples at EOT) they cut.
std::string counterexample_summary(const sim::FaultModel& model, const search::Counterexample& ce);

/// The multi-line text of a failure: every counterexample (the first unless options.all), each
/// with its lost goals, one per line.
std::string counterexamples_text(const CheckContext& ctx, const search::CheckResult& result);

/// `ldfi check`'s result as a test case whose expected verdict is "certified": a counterexample
/// is a <failure>, an unknown verdict an <error> (a budget hit is not a pass).
JunitCase check_junit_case(const CheckContext& ctx, const search::CheckResult& result);

/// The test case name of `ldfi check --junit` ("FILES nodes=a,b eot=4 eff=2 crashes=0
/// oracle=implies"): the same whether the check ends with a verdict or an error, so CI history
/// follows one check.
std::string check_case_name(const std::vector<std::string>& files, const std::vector<std::string>& nodes,
                            int eot, int eff, int crashes, sim::OracleKind oracle);

}  // namespace ldfi::viz
