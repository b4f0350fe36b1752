// Reading the suite manifest: JSON -> validated checks, every problem an InputError.
#include "manifest.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>
#include <utility>

#include "json_integer.hpp"
#include "ldfi/analysis/lint.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/spelling.hpp"

namespace ldfi::cli {

namespace {

// A manifest larger than this is not one anybody wrote; reading on would only exhaust memory.
constexpr std::size_t MAX_MANIFEST_BYTES = std::size_t{64} << 20;
// About 11 days, as --timeout: a larger recorded cost is a typo.
constexpr int MAX_COST_SECONDS = 1'000'000;

template <typename T>
T field(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) throw InputError(where + ": missing field \"" + key + "\"");
    try {
        return j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw InputError(where + ": field \"" + key + "\" has the wrong type");
    }
}

// An integer field that fits T (and int64).
template <typename T>
T integer_field(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) throw InputError(where + ": missing field \"" + key + "\"");
    const nlohmann::json& v = j.at(key);
    const std::string field = where + ": field \"" + key + "\"";
    constexpr std::int64_t lo = std::is_signed_v<T> ? std::numeric_limits<T>::min() : 0;
    constexpr std::int64_t hi = std::in_range<std::int64_t>(std::numeric_limits<T>::max())
                                    ? static_cast<std::int64_t>(std::numeric_limits<T>::max())
                                    : std::numeric_limits<std::int64_t>::max();
    std::int64_t i = 0;
    switch (read_json_integer(v, lo, hi, i)) {
        case JsonInteger::OK:
            return static_cast<T>(i);
        case JsonInteger::NOT_AN_INTEGER:
            throw InputError(field + " must be an integer, not " + v.dump());
        case JsonInteger::OUT_OF_RANGE:
            throw InputError(field + " is out of range");
        case JsonInteger::NOT_A_NUMBER:
            break;
    }
    throw InputError(field + " has the wrong type");
}

// "cost": the seconds a check took when last recorded (`suite --record-costs`), for --shard.
double cost_field(const nlohmann::json& v, const std::string& where) {
    if (!v.is_number())
        throw InputError(where + ": field \"cost\" must be a number of seconds, not " + v.dump());
    const double seconds = v.get<double>();
    if (!(seconds >= 0 && seconds <= MAX_COST_SECONDS)) {
        throw InputError(where + ": field \"cost\" is out of range (0.." + std::to_string(MAX_COST_SECONDS) +
                         " seconds)");
    }
    return seconds;
}

// The fields a manifest may have (docs/manifest.md, docs/manifest.schema.json).
const std::vector<std::string> TOP_FIELDS = {"schema", "description", "checks"};
const std::vector<std::string> CHECK_FIELDS = {
    "name",   "description", "files",    "nodes",          "eot",   "eff", "crashes",
    "oracle", "strategy",    "expected", "max_executions", "allow", "cost"};

// A misspelled key would be silently ignored, and the check would run with a default instead.
void check_fields(const nlohmann::json& j, const std::vector<std::string>& known, const std::string& where) {
    for (const auto& [key, value] : j.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        auto near = nearest_name(key, known);
        throw InputError(where + ": unknown field " + nlohmann::json(key).dump() +
                         (near ? " (did you mean \"" + *near + "\"?)" : " (see docs/manifest.md)"));
    }
}

SuiteCase parse_case(const nlohmann::json& j, const std::filesystem::path& dir, std::size_t index) {
    std::string where = "check " + std::to_string(index + 1);
    if (!j.is_object()) throw InputError(where + ": not an object");
    SuiteCase c;
    c.name = field<std::string>(j, "name", where);
    where += " (" + c.name + ")";
    check_fields(j, CHECK_FIELDS, where);
    if (j.contains("description")) (void)field<std::string>(j, "description", where);
    for (const auto& f : field<std::vector<std::string>>(j, "files", where))
        c.files.push_back((dir / f).string());
    if (c.files.empty()) throw InputError(where + ": \"files\" is empty");
    c.bounds.nodes = field<std::vector<std::string>>(j, "nodes", where);
    c.bounds.eot = integer_field<int>(j, "eot", where);
    c.bounds.eff = integer_field<int>(j, "eff", where);
    c.bounds.crashes = j.contains("crashes") ? integer_field<int>(j, "crashes", where) : 0;
    std::string oracle = j.contains("oracle") ? field<std::string>(j, "oracle", where) : "implies";
    if (oracle != "implies" && oracle != "molly")
        throw InputError(where + ": unknown oracle \"" + oracle + "\"");
    c.oracle = oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    if (j.contains("strategy")) {
        const std::string name = field<std::string>(j, "strategy", where);
        auto strategy = search::parse_strategy(name);
        if (!strategy || *strategy == search::Strategy::RANDOM) {
            throw InputError(where + ": unknown strategy \"" + name +
                             "\" (auto, symbolic, ldfi or exhaustive)");
        }
        c.strategy = *strategy;
    }
    c.expected = field<std::string>(j, "expected", where);
    if (c.expected != "certified" && c.expected != "counterexample") {
        throw InputError(where + ": \"expected\" must be \"certified\" or \"counterexample\"");
    }
    if (j.contains("allow")) {
        c.allow = field<std::vector<std::string>>(j, "allow", where);
        std::string error;
        for (const auto& key : c.allow) {
            if (!analysis::valid_lint_key(key, error)) throw InputError(where + ": \"allow\": " + error);
        }
    }
    if (j.contains("max_executions"))
        c.max_executions = integer_field<std::uint64_t>(j, "max_executions", where);
    if (j.contains("cost")) c.cost = cost_field(j.at("cost"), where);
    try {
        (void)c.bounds.model(c.bounds.eot);  // absurd bounds make the manifest malformed
    } catch (const InputError& e) {
        throw InputError(where + ": " + e.what());
    }
    return c;
}

}  // namespace

std::vector<SuiteCase> parse_manifest(std::string_view text, const std::string& path) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999 (fuzz_json)
        throw InputError(path + ": not valid JSON: " + e.what());
    }
    if (doc.is_object()) check_fields(doc, TOP_FIELDS, path);
    if (!doc.is_object() || !doc.contains("checks") || !doc["checks"].is_array()) {
        throw InputError(path + ": expected an object with a \"checks\" array");
    }
    if (doc.contains("schema") && doc["schema"] != 1) {
        throw InputError(path + ": unsupported schema " + doc["schema"].dump() +
                         " (this ldfi reads schema 1)");
    }
    if (doc.contains("description")) (void)field<std::string>(doc, "description", path);
    if (doc["checks"].empty())
        throw InputError(path + ": \"checks\" is empty: a suite needs at least one check");
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    std::vector<SuiteCase> cases;
    std::set<std::string> names;
    for (std::size_t i = 0; i < doc["checks"].size(); ++i) {
        cases.push_back(parse_case(doc["checks"][i], dir, i));
        if (!names.insert(cases.back().name).second) {
            throw InputError("check " + std::to_string(i + 1) + ": the name '" + cases.back().name +
                             "' is used twice");
        }
    }
    return cases;
}

std::vector<SuiteCase> read_manifest(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError("cannot read manifest " + path + ": it is a directory");
    return parse_manifest(read_file_capped(path, "manifest " + path, MAX_MANIFEST_BYTES), path);
}

}  // namespace ldfi::cli
