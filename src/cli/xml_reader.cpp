// The XML reader: a recursive descent over the document, depth-limited.
#include "xml_reader.hpp"

#include <cstdint>
#include <utility>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {

namespace {

// Deeper nesting than this is not a JUnit file; it would only exhaust the stack.
constexpr int MAX_DEPTH = 64;

// The entities XML predefines (a DTD could declare others; a DOCTYPE is rejected).
constexpr std::pair<std::string_view, const char*> ENTITIES[] = {
    {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};

bool name_start(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

bool name_char(unsigned char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

bool xml_char(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

std::string utf8(std::uint32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

class XmlReader {
public:
    explicit XmlReader(std::string_view text) : m_s(text) {}

    XmlElement document() {
        if (starts("\xEF\xBB\xBF")) m_i += 3;  // a UTF-8 byte order mark
        skip_misc();
        if (starts("<!DOCTYPE")) fail("a DOCTYPE is not supported");
        if (!starts("<")) fail(m_i == m_s.size() ? "no root element" : "expected the root element");
        XmlElement root = element(0);
        skip_misc();
        if (m_i != m_s.size()) fail("content after the root element");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& reason) const {
        std::size_t line = 1, col = 1;
        for (std::size_t k = 0; k < m_i && k < m_s.size(); ++k) {
            if (m_s[k] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        throw InputError(std::to_string(line) + ":" + std::to_string(col) + ": " + reason);
    }

    bool starts(std::string_view prefix) const { return m_s.substr(m_i, prefix.size()) == prefix; }
    bool at_end() const { return m_i >= m_s.size(); }
    unsigned char peek() const { return at_end() ? 0 : static_cast<unsigned char>(m_s[m_i]); }

    void expect(char c) {
        if (peek() != static_cast<unsigned char>(c)) fail(std::string("expected '") + c + "'");
        ++m_i;
    }

    void skip_space() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++m_i;
    }

    // Past `end`, from the construct that starts here.
    std::string_view skip_past(std::string_view end, const char* what) {
        const std::size_t from = m_i;
        const std::size_t at = m_s.find(end, m_i);
        if (at == std::string_view::npos) fail(std::string("unterminated ") + what);
        m_i = at + end.size();
        return m_s.substr(from, at - from);
    }

    // Whitespace, comments and processing instructions (the XML declaration among them).
    void skip_misc() {
        for (;;) {
            skip_space();
            if (starts("<!--")) {
                skip_past("-->", "comment");
            } else if (starts("<?")) {
                skip_past("?>", "processing instruction");
            } else {
                return;
            }
        }
    }

    std::string name() {
        const std::size_t from = m_i;
        if (!name_start(peek())) fail("expected a name");
        while (name_char(peek())) ++m_i;
        return std::string(m_s.substr(from, m_i - from));
    }

    // After '&': an entity or character reference, resolved.
    std::string reference() {
        const std::size_t semi = m_s.find(';', m_i);
        if (semi == std::string_view::npos || semi - m_i > 12)
            fail("'&' that starts no reference (write &amp;)");
        const std::string_view ref = m_s.substr(m_i, semi - m_i);
        for (const auto& [entity, text] : ENTITIES) {
            if (ref == entity) {
                m_i = semi + 1;
                return text;
            }
        }
        if (ref.size() < 2 || ref[0] != '#') fail("unknown entity &" + std::string(ref) + ";");
        const bool hex = ref[1] == 'x';
        const std::string_view digits = ref.substr(hex ? 2 : 1);
        std::uint32_t c = 0;
        for (char d : digits) {
            int v = d >= '0' && d <= '9'          ? d - '0'
                    : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                    : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                  : -1;
            if (v < 0 || c > 0x10FFFF) fail("bad character reference &" + std::string(ref) + ";");
            c = c * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
        }
        if (digits.empty() || !xml_char(c)) fail("bad character reference &" + std::string(ref) + ";");
        m_i = semi + 1;
        return utf8(c);
    }

    std::string attribute_value() {
        const char quote = static_cast<char>(peek());
        if (quote != '"' && quote != '\'') fail("expected a quoted attribute value");
        ++m_i;
        std::string value;
        for (;;) {
            if (at_end()) fail("unterminated attribute value");
            const char c = m_s[m_i];
            if (c == quote) break;
            if (c == '<') fail("'<' in an attribute value");
            if (c == '&') {
                ++m_i;
                value += reference();
                continue;
            }
            value += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;  // attribute-value normalization
            ++m_i;
        }
        ++m_i;
        return value;
    }

    // The attributes up to '>' or "/>"; true when the element closes itself.
    bool attributes(XmlElement& e) {
        for (;;) {
            const std::size_t before = m_i;
            skip_space();
            if (starts("/>")) return m_i += 2, true;
            if (peek() == '>') return ++m_i, false;
            if (before == m_i)
                fail("expected whitespace, '>' or \"/>\" after <" + e.name + ">'s name or attribute");
            const std::size_t at = m_i;
            std::string key = name();
            if (e.attribute(key)) {
                m_i = at;
                fail("attribute " + key + " given twice");
            }
            skip_space();
            expect('=');
            skip_space();
            e.attributes.emplace_back(std::move(key), attribute_value());
        }
    }

    XmlElement element(int depth) {
        if (depth > MAX_DEPTH) fail("elements nested more than " + std::to_string(MAX_DEPTH) + " deep");
        XmlElement e;
        e.begin = m_i;
        expect('<');
        e.name = name();
        if (attributes(e)) {
            e.end = m_i;
            return e;
        }
        content(e, depth);
        return e;
    }

    void content(XmlElement& e, int depth) {
        for (;;) {
            if (at_end()) fail("<" + e.name + "> is not closed");
            if (starts("</")) {
                m_i += 2;
                const std::string closing = name();
                if (closing != e.name) fail("</" + closing + "> closes <" + e.name + ">");
                skip_space();
                expect('>');
                e.end = m_i;
                return;
            }
            if (starts("<!--")) {
                skip_past("-->", "comment");
            } else if (starts("<![CDATA[")) {
                m_i += 9;
                e.text += skip_past("]]>", "CDATA section");
            } else if (starts("<?")) {
                skip_past("?>", "processing instruction");
            } else if (starts("<!")) {
                fail("unexpected markup declaration");
            } else if (peek() == '<') {
                e.children.push_back(element(depth + 1));
            } else if (peek() == '&') {
                ++m_i;
                e.text += reference();
            } else {
                e.text += m_s[m_i++];
            }
        }
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

}  // namespace

const std::string* XmlElement::attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes) {
        if (k == key) return &v;
    }
    return nullptr;
}

XmlElement read_xml(std::string_view text) { return XmlReader(text).document(); }

}  // namespace ldfi::cli
