// The XML reader of `ldfi junit merge`: what JUnit writers produce, and what is not well-formed.
#include "xml_reader.hpp"

#include <gtest/gtest.h>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {
namespace {

TEST(XmlReader, ElementsAttributesAndText) {
    const std::string doc =
        "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<a x=\"1 &amp; &lt;2&gt;\" y='q&quot;&#10;&#x41;'>"
        "t&#233;xt<b/><c>in<![CDATA[<raw> & ]]></c><?pi?></a>\n";
    XmlElement a = read_xml(doc);
    EXPECT_EQ(a.name, "a");
    ASSERT_NE(a.attribute("x"), nullptr);
    EXPECT_EQ(*a.attribute("x"), "1 & <2>");
    EXPECT_EQ(*a.attribute("y"), "q\"\nA");
    EXPECT_EQ(a.attribute("z"), nullptr);
    EXPECT_EQ(a.text, "t\xC3\xA9xt");
    ASSERT_EQ(a.children.size(), 2u);
    EXPECT_EQ(a.children[1].text, "in<raw> & ");
    EXPECT_EQ(doc.substr(a.children[0].begin, a.children[0].end - a.children[0].begin), "<b/>");
    EXPECT_EQ(doc.substr(a.children[1].begin, a.children[1].end - a.children[1].begin),
              "<c>in<![CDATA[<raw> & ]]></c>");
}

TEST(XmlReader, AttributeWhitespaceIsNormalized) {
    EXPECT_EQ(*read_xml("<a v=\"x\ty\nz\"/>").attribute("v"), "x y z");
}

std::string error_of(const std::string& doc) {
    try {
        (void)read_xml(doc);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(read)";
}

TEST(XmlReader, RejectsWhatIsNotWellFormed) {
    EXPECT_EQ(error_of(""), "1:1: no root element");
    EXPECT_EQ(error_of("<a>"), "1:4: <a> is not closed");
    EXPECT_EQ(error_of("<a></b>"), "1:7: </b> closes <a>");
    EXPECT_EQ(error_of("<a/><b/>"), "1:5: content after the root element");
    EXPECT_EQ(error_of("<a>&nbsp;</a>"), "1:5: unknown entity &nbsp;");
    EXPECT_EQ(error_of("<a>&#0;</a>"), "1:5: bad character reference &#0;");
    EXPECT_EQ(error_of("<a>& b</a>"), "1:5: '&' that starts no reference (write &amp;)");
    EXPECT_EQ(error_of("<a x=1/>"), "1:6: expected a quoted attribute value");
    EXPECT_EQ(error_of("<a x=\"1\" x=\"2\"/>"), "1:10: attribute x given twice");
    EXPECT_EQ(error_of("<a x=\"1\"y=\"2\"/>"),
              "1:9: expected whitespace, '>' or \"/>\" after <a>'s name or attribute");
    EXPECT_EQ(error_of("<a x=\"<\"/>"), "1:7: '<' in an attribute value");
    EXPECT_EQ(error_of("<!DOCTYPE a><a/>"), "1:1: a DOCTYPE is not supported");
    EXPECT_EQ(error_of("<a><!-- x</a>"), "1:4: unterminated comment");
    EXPECT_EQ(error_of("\n  <1/>"), "2:4: expected a name");
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "<a>";
    EXPECT_EQ(error_of(deep), "1:196: elements nested more than 64 deep");
}

}  // namespace
}  // namespace ldfi::cli
