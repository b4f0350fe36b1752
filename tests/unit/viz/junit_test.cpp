// JUnit XML: escaping (quotes, markup, control characters, UTF-8) and the document's shape.
#include "ldfi/viz/junit.hpp"

#include <gtest/gtest.h>

namespace ldfi::viz {
namespace {

TEST(XmlEscape, MarkupAndQuotes) {
    EXPECT_EQ(xml_escape("a<b>&\"c\" 'd'", true), "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;");
    EXPECT_EQ(xml_escape("a<b>&\"c\" 'd'", false), "a&lt;b&gt;&amp;\"c\" 'd'");
    EXPECT_EQ(xml_escape("&amp;", false), "&amp;amp;");
    EXPECT_EQ(xml_escape("]]>", false), "]]&gt;");
}

TEST(XmlEscape, LineBreaksAndTabs) {
    // Attribute values would lose them to whitespace normalisation; content keeps them.
    EXPECT_EQ(xml_escape("a\tb\nc\rd", true), "a&#9;b&#10;c&#13;d");
    EXPECT_EQ(xml_escape("a\tb\nc\rd", false), "a\tb\nc&#13;d");
}

TEST(XmlEscape, ControlCharactersAreWrittenVisibly) {
    EXPECT_EQ(xml_escape(std::string("a\0b", 3), false), "a\\x00b");
    EXPECT_EQ(xml_escape("\x01\x08\x0b\x0c\x1b\x1f", true), "\\x01\\x08\\x0B\\x0C\\x1B\\x1F");
    EXPECT_EQ(xml_escape("\x7f", false), "\x7f");  // allowed by XML 1.0
}

TEST(XmlEscape, Utf8) {
    EXPECT_EQ(xml_escape("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80", false),
              "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80");
    EXPECT_EQ(xml_escape("\xff", false), "\\xFF");
    EXPECT_EQ(xml_escape("\xc3", false), "\\xC3");                             // truncated
    EXPECT_EQ(xml_escape("\xc3(", false), "\\xC3(");                           // bad continuation
    EXPECT_EQ(xml_escape("\xc0\xaf", false), "\\xC0\\xAF");                    // overlong '/'
    EXPECT_EQ(xml_escape("\xed\xa0\x80", false), "\\xED\\xA0\\x80");           // a surrogate
    EXPECT_EQ(xml_escape("\xef\xbf\xbe", false), "\\xEF\\xBF\\xBE");           // U+FFFE
    EXPECT_EQ(xml_escape("\xf4\x90\x80\x80", false), "\\xF4\\x90\\x80\\x80");  // beyond U+10FFFF
}

JunitSuite sample() {
    JunitSuite suite;
    suite.name = "s<1>";
    suite.seconds = 1.5;
    JunitCase pass;
    pass.name = "ok";
    pass.classname = "ldfi.suite.x";
    pass.seconds = 0.25;
    JunitCase fail = pass;
    fail.name = "broken \"one\"";
    fail.status = JunitStatus::FAILURE;
    fail.type = "counterexample";
    fail.message = "counterexample: omit a->b@1";
    fail.details = "counterexample 1: omit a->b@1\n  lost: post(b, data)\n";
    JunitCase error = pass;
    error.name = "budget";
    error.status = JunitStatus::ERROR;
    error.type = "unknown";
    error.message = "unknown after 3 executions";
    error.output = "verdict: unknown\n";
    suite.cases = {pass, fail, error};
    return suite;
}

TEST(JunitXml, CountsAndElements) {
    std::string xml = junit_xml(sample(), true);
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
    EXPECT_NE(xml.find("<testsuite name=\"s&lt;1&gt;\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\" "
                       "time=\"1.500\">"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<testcase name=\"ok\" classname=\"ldfi.suite.x\" time=\"0.250\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<testcase name=\"broken &quot;one&quot;\""), std::string::npos);
    EXPECT_NE(xml.find("<failure message=\"counterexample: omit a-&gt;b@1\" type=\"counterexample\">"
                       "counterexample 1: omit a-&gt;b@1\n  lost: post(b, data)\n</failure>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<error message=\"unknown after 3 executions\" type=\"unknown\"></error>"),
              std::string::npos);
    EXPECT_NE(xml.find("<system-out>verdict: unknown\n</system-out>"), std::string::npos);
    EXPECT_EQ(xml.substr(xml.size() - 29), "  </testsuite>\n</testsuites>\n");
}

TEST(JunitXml, WithoutTimingEveryTimeIsZero) {
    std::string xml = junit_xml(sample(), false);
    EXPECT_EQ(xml.find("time=\"0."), std::string::npos);
    EXPECT_EQ(xml.find("time=\"1."), std::string::npos);
    JunitSuite other = sample();
    other.seconds = 99;
    for (auto& c : other.cases) c.seconds = 7;
    EXPECT_EQ(junit_xml(other, false), xml);
}

}  // namespace
}  // namespace ldfi::viz
