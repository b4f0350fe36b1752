// A small XML reader for the JUnit files `ldfi junit merge` joins: elements, attributes and text,
// with where each element stands in the source (so it can be copied unchanged).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ldfi::cli {

/// An element as read: attribute values and text with their references resolved.
struct XmlElement {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<XmlElement> children;
    std::string text;       ///< the character data directly inside it (CDATA included)
    std::size_t begin = 0;  ///< offset of its '<' in the source
    std::size_t end = 0;    ///< offset just past its closing '>'

    /// The value of attribute `key`, or nullptr.
    [[nodiscard]] const std::string* attribute(std::string_view key) const;
};

/// Reads a whole document: an optional XML declaration, comments and processing instructions
/// (skipped), one root element, CDATA sections, the five predefined entities and character
/// references. No DTD (a DOCTYPE is an error), no namespaces processing. Throws InputError
/// "LINE:COL: REASON" for anything not well-formed.
[[nodiscard]] XmlElement read_xml(std::string_view text);

}  // namespace ldfi::cli
