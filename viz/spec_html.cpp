// The spec listing of the report page (see spec_html.hpp).
#include "spec_html.hpp"

#include <cctype>

#include "ldfi/viz/report.hpp"

namespace ldfi::viz {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Splits one file into spans of one class; a block comment or a string may run over lines, so
// the class of each character is decided over the whole text first.
class Highlighter {
public:
    explicit Highlighter(const std::string& text) : m_text(text), m_class(text.size(), ' ') {}

    std::string classes() {
        std::size_t i = 0;
        while (i < m_text.size()) i = next(i);
        return m_class;
    }

private:
    std::size_t mark(std::size_t from, std::size_t to, char cls) {
        for (std::size_t k = from; k < to && k < m_class.size(); ++k) m_class[k] = cls;
        return to;
    }

    std::size_t next(std::size_t i) {
        char c = m_text[i];
        auto at = [&](std::size_t k) { return k < m_text.size() ? m_text[k] : '\0'; };
        if (c == '/' && at(i + 1) == '/') {
            std::size_t end = m_text.find('\n', i);
            return mark(i, end == std::string::npos ? m_text.size() : end, 'c');
        }
        if (c == '/' && at(i + 1) == '*') {
            std::size_t end = m_text.find("*/", i + 2);
            return mark(i, end == std::string::npos ? m_text.size() : end + 2, 'c');
        }
        if (c == '"') {
            std::size_t k = i + 1;
            while (k < m_text.size() && m_text[k] != '"' && m_text[k] != '\n') k += m_text[k] == '\\' ? 2 : 1;
            return mark(i, std::min(k + 1, m_text.size()), 's');
        }
        if (c == '@') {
            std::size_t k = i + 1;
            while (k < m_text.size() && ident_char(m_text[k])) ++k;
            return mark(i, k, 't');
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t k = i;
            while (k < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[k]))) ++k;
            return mark(i, k, 'n');
        }
        if (ident_char(c)) {
            std::size_t k = i;
            while (k < m_text.size() && ident_char(m_text[k])) ++k;
            std::string word = m_text.substr(i, k - i);
            char cls = word == "notin" || word == "include"                      ? 'k'
                       : std::isupper(static_cast<unsigned char>(c)) || c == '_' ? 'v'
                       : k < m_text.size() && m_text[k] == '('                   ? 'r'
                                                                                 : ' ';
            return mark(i, k, cls);
        }
        return i + 1;
    }

    const std::string& m_text;
    std::string m_class;
};

const char* class_name(char cls) {
    switch (cls) {
        case 'c':
            return "hc";
        case 's':
            return "hs";
        case 't':
            return "ht";
        case 'n':
            return "hn";
        case 'k':
            return "hk";
        case 'v':
            return "hv";
        case 'r':
            return "hr";
        default:
            return nullptr;
    }
}

// One line as HTML: runs of one class in one <span>.
std::string line_html(std::string_view text, std::string_view classes) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t k = i;
        while (k < text.size() && classes[k] == classes[i]) ++k;
        std::string piece = html_escape(text.substr(i, k - i));
        const char* cls = class_name(classes[i]);
        out += cls ? "<span class=\"" + std::string(cls) + "\">" + piece + "</span>" : piece;
        i = k;
    }
    return out;
}

}  // namespace

std::string spec_html(const SourceFiles& sources) {
    std::string out =
        "<section id=\"spec\"><h2>Spec</h2><p class=\"note\">The program as read; lineage nodes and rule "
        "names link to their lines.</p>";
    for (std::uint32_t f = 0; f < sources.size(); ++f) {
        const std::string& text = sources.text(f);
        std::string classes = Highlighter(text).classes();
        out += "<details class=\"spec-file\"" + std::string(f == 0 ? " open" : "") + "><summary><code>" +
               html_escape(sources.path(f)) + "</code></summary><pre class=\"spec\">";
        std::size_t start = 0;
        for (std::uint32_t line = 1; start <= text.size(); ++line) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            if (start == end && end == text.size() && line > 1) break;  // after the final newline
            std::string id = "L" + std::to_string(f) + "-" + std::to_string(line);
            out += "<span class=\"ln\" id=\"" + id + "\"><a href=\"#" + id + "\">" + std::to_string(line) +
                   "</a>" +
                   line_html(std::string_view(text).substr(start, end - start),
                             std::string_view(classes).substr(start, end - start)) +
                   "</span>";
            start = end + 1;
        }
        out += "</pre></details>";
    }
    return out + "</section>\n";
}

}  // namespace ldfi::viz
