// `ldfi replay FILE`: re-runs the run a counterexample file records (`ldfi check --report`),
// after checking that the spec text is the one it was found in.
#include <filesystem>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "counterexample_file.hpp"
#include "json_integer.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/version.hpp"
#include "ldfi/viz/report.hpp"

namespace ldfi::cli {

namespace {

using nlohmann::json;

// A counterexample file larger than this is not one ldfi wrote.
constexpr std::size_t MAX_FILE_BYTES = std::size_t{64} << 20;

struct ReplayOptions {
    std::string file;
    bool force = false;
    std::string format = "text";
    std::vector<std::string> show;
};

/// What a counterexample file records, validated.
struct Recorded {
    std::string version;
    std::vector<std::string> files;
    std::vector<viz::SpecSource> sources;
    std::string hash;
    BoundsOptions bounds;
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    bool violated = true;
};

// Reads fields of the document, naming the file and the field in every error.
class Fields {
public:
    explicit Fields(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& what) const {
        throw InputError(m_file + ": field `" + field + "` " + what);
    }
    const json& get(const json& obj, const std::string& parent, const std::string& key) const {
        std::string field = parent.empty() ? key : parent + "." + key;
        if (!obj.is_object()) fail(parent, "must be an object");
        auto it = obj.find(key);
        if (it == obj.end()) fail(field, "is missing");
        return *it;
    }
    std::string string(const json& v, const std::string& field) const {
        if (!v.is_string()) fail(field, "must be a string");
        return v.get<std::string>();
    }
    std::int64_t integer(const json& v, const std::string& field, std::int64_t lo, std::int64_t hi) const {
        std::int64_t i = 0;
        switch (read_json_integer(v, lo, hi, i)) {
            case JsonInteger::OK:
                return i;
            case JsonInteger::OUT_OF_RANGE:
                fail(field, "is out of range (" + std::to_string(lo) + ".." + std::to_string(hi) + ")");
            case JsonInteger::NOT_A_NUMBER:
            case JsonInteger::NOT_AN_INTEGER:
                break;
        }
        fail(field, "must be an integer");
    }
    const json& array(const json& v, const std::string& field) const {
        if (!v.is_array()) fail(field, "must be an array");
        return v;
    }
    const std::string& file() const { return m_file; }

private:
    std::string m_file;
};

json parse_text(std::string_view text, const std::string& path) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        std::string what = e.what();
        std::size_t bracket = what.find("] ");
        throw InputError(path + ": not a valid JSON counterexample file: " +
                         (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

json parse_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path + ": is a directory, not a counterexample file");
    return parse_text(read_file_capped(path, path, MAX_FILE_BYTES), path);
}

void read_header(const Fields& f, const json& doc, Recorded& r) {
    if (!doc.is_object()) throw InputError(f.file() + ": not a counterexample file (expected a JSON object)");
    std::int64_t schema =
        f.integer(f.get(doc, "", "schema"), "schema", 0, std::numeric_limits<std::int32_t>::max());
    if (schema != 1) {
        throw InputError(f.file() + ": schema " + std::to_string(schema) +
                         " is not supported (this ldfi reads schema 1)");
    }
    std::string kind = f.string(f.get(doc, "", "kind"), "kind");
    if (kind != "counterexample") {
        f.fail("kind", "is \"" + kind + "\": replay needs a counterexample-N.json file");
    }
    r.version = f.string(f.get(doc, "", "version"), "version");
}

void read_spec(const Fields& f, const json& doc, Recorded& r) {
    const json& spec = f.get(doc, "", "spec");
    const json& files = f.array(f.get(spec, "spec", "files"), "spec.files");
    if (files.empty()) f.fail("spec.files", "must name at least one file");
    for (std::size_t i = 0; i < files.size(); ++i)
        r.files.push_back(f.string(files[i], "spec.files[" + std::to_string(i) + "]"));
    const json& sources = f.array(f.get(spec, "spec", "sources"), "spec.sources");
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::string field = "spec.sources[" + std::to_string(i) + "]";
        std::string hash = f.string(f.get(sources[i], field, "fnv1a64"), field + ".fnv1a64");
        if (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
            f.fail(field + ".fnv1a64", "must be 16 lowercase hex digits");
        }
        r.sources.push_back({f.string(f.get(sources[i], field, "path"), field + ".path"), hash});
    }
    r.hash = f.string(f.get(spec, "spec", "fnv1a64"), "spec.fnv1a64");
}

void read_config(const Fields& f, const json& doc, Recorded& r) {
    const json& config = f.get(doc, "", "config");
    const json& nodes = f.array(f.get(config, "config", "nodes"), "config.nodes");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        r.bounds.nodes.push_back(f.string(nodes[i], "config.nodes[" + std::to_string(i) + "]"));
    }
    constexpr std::int64_t BIG = std::numeric_limits<std::int32_t>::max();
    r.bounds.eot = static_cast<int>(f.integer(f.get(config, "config", "eot"), "config.eot", 0, BIG));
    r.bounds.eff = static_cast<int>(f.integer(f.get(config, "config", "eff"), "config.eff", 0, BIG));
    r.bounds.crashes =
        static_cast<int>(f.integer(f.get(config, "config", "crashes"), "config.crashes", 0, BIG));
    std::string oracle = f.string(f.get(config, "config", "oracle"), "config.oracle");
    if (oracle != "implies" && oracle != "molly") f.fail("config.oracle", "must be \"implies\" or \"molly\"");
    r.oracle = oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    const json& verdict = f.get(doc, "", "verdict");
    const json& violated = f.get(verdict, "verdict", "violated");
    if (!violated.is_boolean()) f.fail("verdict.violated", "must be true or false");
    r.violated = violated.get<bool>();
}

NodeId node(const Fields& f, const sim::FaultModel& model, const json& v, const std::string& field) {
    std::string name = f.string(v, field);
    auto n = model.find_node(name);
    if (!n) f.fail(field, "names '" + name + "', which is not in config.nodes");
    return *n;
}

sim::FailureSpec read_faults(const Fields& f, const json& doc, const sim::FaultModel& model) {
    const json& faults = f.get(doc, "", "faults");
    sim::FailureSpec spec;
    const json& omissions = f.array(f.get(faults, "faults", "omissions"), "faults.omissions");
    for (std::size_t i = 0; i < omissions.size(); ++i) {
        std::string field = "faults.omissions[" + std::to_string(i) + "]";
        const json& o = omissions[i];
        spec.add(sim::Omission{
            node(f, model, f.get(o, field, "from"), field + ".from"),
            node(f, model, f.get(o, field, "to"), field + ".to"),
            static_cast<std::int32_t>(f.integer(f.get(o, field, "time"), field + ".time", 0, 1 << 30))});
    }
    const json& crashes = f.array(f.get(faults, "faults", "crashes"), "faults.crashes");
    for (std::size_t i = 0; i < crashes.size(); ++i) {
        std::string field = "faults.crashes[" + std::to_string(i) + "]";
        const json& c = crashes[i];
        spec.add(sim::Crash{
            node(f, model, f.get(c, field, "node"), field + ".node"),
            static_cast<std::int32_t>(f.integer(f.get(c, field, "time"), field + ".time", 0, 1 << 30))});
    }
    if (auto why = model.violation(spec)) throw InputError(f.file() + ": field `faults`: " + *why);
    return spec;
}

// The first difference between the spec text recorded and the one read now, if any.
std::string spec_difference(const Recorded& r, const LoadedSpec& spec) {
    std::vector<std::string> paths, texts;
    for (std::uint32_t i = 0; i < spec.files.size(); ++i) {
        paths.push_back(spec.files.path(i));
        texts.push_back(spec.files.text(i));
    }
    viz::SpecDigest now = viz::spec_digest(paths, texts);
    for (const viz::SpecSource& was : r.sources) {
        auto it = std::find_if(now.sources.begin(), now.sources.end(),
                               [&](const auto& s) { return s.path == was.path; });
        if (it == now.sources.end()) return "the spec no longer reads " + was.path;
        if (it->hash != was.hash) {
            return was.path + " changed since the counterexample was recorded (fnv1a64 " + was.hash +
                   " then, " + it->hash + " now)";
        }
    }
    for (const viz::SpecSource& s : now.sources) {
        bool known =
            std::any_of(r.sources.begin(), r.sources.end(), [&](const auto& w) { return w.path == s.path; });
        if (!known) return "the spec now also reads " + s.path + ", which the counterexample does not record";
    }
    if (now.hash != r.hash)
        return "the spec text changed (fnv1a64 " + r.hash + " then, " + now.hash + " now)";
    return "";
}

// Everything replay reads from the file before it loads the spec.
struct RecordedRun {
    Recorded recorded;
    sim::FaultModel model;
    sim::FailureSpec faults;
};

RecordedRun read_recorded(const json& doc, const std::string& file) {
    Fields f(file);
    Recorded r;
    read_header(f, doc, r);
    read_spec(f, doc, r);
    read_config(f, doc, r);
    sim::FaultModel model = [&] {
        try {
            return r.bounds.model(r.bounds.eot);
        } catch (const InputError& e) {
            throw InputError(file + ": field `config`: " + e.what());
        }
    }();
    sim::FailureSpec faults = read_faults(f, doc, model);
    return {std::move(r), std::move(model), std::move(faults)};
}

int replay_command(const ReplayOptions& opts) {
    auto [spec, model, faults, r] = load_counterexample(opts.file, opts.force, "replay");
    for (const std::string& name : opts.show) {
        if (!spec.program->find(name).valid())
            throw InputError("--show: the spec has no relation '" + name + "'");
    }
    PrintRunOptions print;
    print.format = opts.format;
    print.show = opts.show;
    print.oracle = r.oracle;
    int code = simulate_and_print(spec, model, faults, print);
    if (r.violated && code == EXIT_OK) {
        std::cerr << "ldfi: warning: the recorded run violated the invariant; this replay does not\n";
    }
    return code;
}

}  // namespace

RecordedCounterexample load_counterexample(const std::string& file, bool force, const std::string& command) {
    auto [r, model, faults] = read_recorded(parse_file(file), file);
    if (r.version != version()) {
        std::cerr << "ldfi: warning: " << file << " was recorded by ldfi " << r.version << ", this is ldfi "
                  << version() << "\n";
    }
    LoadedSpec spec = load_spec(r.files);
    if (std::string diff = spec_difference(r, spec); !diff.empty()) {
        if (!force) throw InputError(file + ": " + diff + "; " + command + " with --force to run it anyway");
        std::cerr << "ldfi: warning: " << diff << "; " << (command == "replay" ? "replaying" : "running")
                  << " anyway (--force)\n";
    }
    return {std::move(spec), std::move(model), std::move(faults), {r.oracle, r.violated}};
}

void check_counterexample_text(std::string_view text, const std::string& path) {
    (void)read_recorded(parse_text(text, path), path);
}

void add_replay_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ReplayOptions>();
    CLI::App* cmd =
        app.add_subcommand("replay", "re-run the run a counterexample file records (ldfi check --report)");
    cmd->add_option("counterexample", opts->file, "a counterexample-N.json file")->required();
    cmd->add_flag("--force", opts->force, "replay even when the spec text changed since it was recorded");
    cmd->add_option("--format", opts->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--show", opts->show, "print only these relations (comma-separated)")->delimiter(',');
    cmd->callback([opts, &exit_code] {
        exit_code = with_json_error(opts->format == "json", [&] { return replay_command(*opts); });
    });
}

}  // namespace ldfi::cli
