// `ldfi explain SPEC... QUERY` / `ldfi explain COUNTEREXAMPLE.json QUERY`: why a tuple holds in a
// run, or why it does not.
#include <cctype>
#include <iostream>

#include "counterexample_file.hpp"
#include "explain.hpp"
#include "ldfi/dedalus/parser.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/spelling.hpp"

namespace ldfi::cli {

namespace {

struct ExplainOptions {
    std::vector<std::string> args;  ///< spec files (or one counterexample file), then the query
    BoundsOptions bounds;
    FaultOptions faults;
    std::string format = "text";
    ExplainLimits limits;
    bool force = false;
};

constexpr const char* QUERY_FORM =
    "a query is REL(V1, V2, ...)@T with constant values, e.g. 'post(b, \"data\")@4'";

// The one fact `text` is, read by the Dedalus parser (so quoting and escapes are the language's).
dedalus::Fact parse_fact(std::string text) {
    while (!text.empty() && (text.back() == ';' || std::isspace(static_cast<unsigned char>(text.back()))))
        text.pop_back();
    SourceFiles files;
    std::uint32_t file = files.add("<query>", text + ";");
    Diagnostics diags;
    dedalus::Program parsed;
    dedalus::parse_text(file, files, parsed, diags);
    for (const Diagnostic& d : diags.all()) {
        if (d.severity != Severity::ERROR) continue;
        if (d.message.find("has no time") != std::string::npos)
            throw InputError("query '" + text + "' has no time; " + QUERY_FORM);
        throw InputError("query '" + text + "': " + d.message +
                         (d.loc.known() ? " (column " + std::to_string(d.loc.col) + ")" : "") + "; " +
                         QUERY_FORM);
    }
    if (!parsed.rules.empty() || parsed.facts.size() != 1)
        throw InputError("query '" + text + "' is not one tuple; " + QUERY_FORM);
    return parsed.facts.front();
}

Value query_value(const dedalus::Expr& e, const std::string& text) {
    if (e.kind == dedalus::Expr::Kind::INTEGER) return Value(e.integer);
    if (e.kind == dedalus::Expr::Kind::STRING) return Value(e.name);
    throw InputError("query '" + text + "': `" + dedalus::to_string(e) +
                     "` is not a constant (variables, _ and arithmetic are not allowed); " + QUERY_FORM);
}

TupleQuery parse_query(const std::string& text, const analysis::CheckedProgram& program, std::int32_t eot) {
    dedalus::Fact fact = parse_fact(text);
    RelId rel = program.find(fact.atom.name);
    if (!rel.valid()) {
        std::vector<std::string> names;
        for (const analysis::Relation& r : program.relations) names.push_back(r.name);
        auto hint = nearest_name(fact.atom.name, names);
        throw InputError("query '" + text + "': the spec has no relation '" + fact.atom.name + "'" +
                         (hint ? " (did you mean '" + *hint + "'?)" : ""));
    }
    const analysis::Relation& r = program.relation(rel);
    if (fact.atom.args.size() != r.arity) {
        throw InputError("query '" + text + "': " + r.name + " has " + std::to_string(r.arity) +
                         " columns, not " + std::to_string(fact.atom.args.size()));
    }
    if (fact.time < 1 || fact.time > eot)
        throw InputError("query '" + text + "': time " + std::to_string(fact.time) +
                         " is outside 1..EOT = 1.." + std::to_string(eot));
    TupleQuery q{rel, {}, static_cast<std::int32_t>(fact.time)};
    for (const dedalus::Arg& a : fact.atom.args) q.values.push_back(query_value(*a.expr, text));
    return q;
}

// The spec, bounds and faults: from the command line, or from a counterexample file.
RecordedCounterexample load_run(const ExplainOptions& opts, const std::vector<std::string>& inputs) {
    bool from_file = inputs.size() == 1 && inputs[0].ends_with(".json");
    if (!from_file) {
        if (opts.force) throw InputError("--force applies only to a counterexample file");
        auto [model, faults] = opts.faults.parse(opts.bounds);
        return {load_spec(inputs), std::move(model), std::move(faults), {}};
    }
    if (!opts.bounds.nodes.empty() || opts.bounds.eot != 0 || opts.bounds.eff ||
        !opts.faults.crashes.empty() || !opts.faults.omissions.empty()) {
        throw InputError(
            inputs[0] +
            ": a counterexample file gives the nodes, bounds and faults; drop --nodes, --eot, --eff, "
            "--crash and --omit");
    }
    return load_counterexample(inputs[0], opts.force, "explain");
}

int explain_command(const ExplainOptions& opts) {
    if (opts.args.size() < 2) throw InputError("explain needs a spec (or a counterexample file) and a query");
    std::vector<std::string> inputs(opts.args.begin(), opts.args.end() - 1);
    if (inputs.size() > 1 || !inputs[0].ends_with(".json")) {
        if (opts.bounds.nodes.empty())
            throw InputError("--nodes is required with a spec (not with a counterexample file)");
        if (opts.bounds.eot == 0)
            throw InputError("--eot is required with a spec (not with a counterexample file)");
    }
    RecordedCounterexample loaded = load_run(opts, inputs);
    TupleQuery query = parse_query(opts.args.back(), *loaded.spec.program, loaded.model.bounds().eot);
    sim::Simulator simulator(loaded.spec.program, loaded.model, sim::RunOptions{.provenance = true});
    sim::Run run = simulator.run(loaded.faults);
    std::optional<sim::Run> fault_free;
    if (!loaded.faults.empty()) fault_free = simulator.run(sim::FailureSpec{});
    Explanation e =
        explain_tuple(loaded.spec, loaded.model, run, fault_free ? *fault_free : run, query, opts.limits);
    std::cout << (opts.format == "json" ? explanation_json(e) : explanation_text(e));
    return e.holds ? EXIT_OK : EXIT_VIOLATION;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ExplainOptions>();
    CLI::App* cmd = app.add_subcommand(
        "explain", "why a tuple holds in a run, or why not (exit 0: it holds, 1: it does not)");
    cmd->add_option("spec_and_query", opts->args,
                    "spec files (or one counterexample-N.json file), then the query REL(V1, ...)@T")
        ->required();
    opts->bounds.add_to(*cmd, false);
    cmd->get_option("--nodes")->required(false);
    cmd->get_option("--eot")->required(false);
    opts->faults.add_to(*cmd);
    // One value per --crash/--omit, so the query may follow them.
    cmd->get_option("--crash")->allow_extra_args(false);
    cmd->get_option("--omit")->allow_extra_args(false);
    cmd->add_option("--format", opts->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--depth", opts->limits.depth,
                    "expand the derivation tree this many levels deep; 0: no limit")
        ->capture_default_str()
        ->check(non_negative());
    cmd->add_option("--max-entries", opts->limits.max_tuples,
                    "expand at most this many derivations and tuples")
        ->capture_default_str()
        ->check(non_negative());
    cmd->add_flag("--force", opts->force,
                  "explain a counterexample file even when the spec text changed since");
    cmd->callback([opts, &exit_code] {
        exit_code = with_json_error(opts->format == "json", [&] { return explain_command(*opts); });
    });
}

}  // namespace ldfi::cli
