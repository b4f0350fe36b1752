// Text and JSON renderings of one run.
#include "ldfi/viz/run_output.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "json_util.hpp"
#include "ldfi/util/version.hpp"

namespace ldfi::viz {

namespace {

// Relations to print, sorted by name: the requested ones, or all but the noisy `clock`.
std::vector<RelId> shown_relations(const RunContext& ctx) {
    std::vector<RelId> rels;
    for (std::uint32_t i = 0; i < ctx.program.relations.size(); ++i) {
        const auto& r = ctx.program.relations[i];
        bool wanted = ctx.show.empty() ? r.kind != analysis::RelKind::BUILTIN_CLOCK
                                       : std::find(ctx.show.begin(), ctx.show.end(), r.name) != ctx.show.end();
        if (wanted) rels.push_back(RelId(i));
    }
    std::sort(rels.begin(), rels.end(), [&](RelId a, RelId b) {
        return ctx.program.relation(a).name < ctx.program.relation(b).name;
    });
    return rels;
}

std::vector<Value> message_values(const sim::Run& run, const sim::Message& m) {
    std::vector<Value> out;
    for (ValueId v : m.values) out.push_back(run.values.get(v));
    return out;
}

std::string format_faults_line(const sim::FaultModel& model, const sim::FailureSpec& faults) {
    return faults.empty() ? "none" : model.format(faults);
}

std::string pre_tuples(std::size_t n) { return std::to_string(n) + (n == 1 ? " pre tuple" : " pre tuples"); }

std::string invariant_text(const RunContext& ctx, const sim::Run& run, const sim::Verdict& verdict) {
    std::string out;
    if (!ctx.program.pre.valid() || !ctx.program.post.valid()) {
        return "invariant: none (the spec defines no pre/post)\n";
    }
    out += "invariant at eot " + std::to_string(run.db.eot()) + ": ";
    if (!verdict.violated) {
        out += "holds (" + pre_tuples(verdict.pre_count) + ", all with post)\n";
        return out;
    }
    out += "VIOLATED (" + std::to_string(verdict.missing.size()) + " of " + pre_tuples(verdict.pre_count) +
           " without post)\n";
    for (const auto& t : verdict.missing) out += "  " + format_tuple("pre", t) + " has no post\n";
    return out;
}

}  // namespace

ordered_json messages_json(const analysis::CheckedProgram& program, const sim::FaultModel& model, const sim::Run& run) {
    ordered_json messages = ordered_json::array();
    for (const sim::Message& m : run.messages) {
        bool ok = m.delivery == sim::Delivery::DELIVERED;
        messages.push_back({{"relation", program.relation(m.rel).name},
                            {"from", model.node_name(m.from)},
                            {"to", model.node_name(m.to)},
                            {"sent", m.sent},
                            {"delivered", ok ? ordered_json(m.sent + 1) : ordered_json(nullptr)},
                            {"status", delivery_name(m.delivery)},
                            {"tuple", tuple_json(message_values(run, m))}});
    }
    return messages;
}

std::string format_tuple(const std::string& rel, const std::vector<Value>& values) {
    std::string out = rel + '(';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        out += format_value(values[i]);
    }
    return out + ')';
}

const char* delivery_name(sim::Delivery d) {
    switch (d) {
        case sim::Delivery::DELIVERED: return "delivered";
        case sim::Delivery::OMITTED: return "omitted";
        case sim::Delivery::SENDER_CRASHED: return "sender crashed";
    }
    return "delivered";
}

std::string run_text(const RunContext& ctx, const sim::Run& run, const sim::Verdict& verdict) {
    std::string out;
    std::string nodes;
    for (const auto& n : ctx.model.nodes()) nodes += (nodes.empty() ? "" : ",") + n;
    out += "nodes " + nodes + "  eot " + std::to_string(ctx.model.bounds().eot) + "  faults " +
           format_faults_line(ctx.model, run.faults) + "\n";
    for (const std::string& w : run.warnings) out += "warning: " + w + "\n";
    std::vector<RelId> rels = shown_relations(ctx);
    for (std::int32_t t = 1; t <= run.db.eot(); ++t) {
        out += "\ntime " + std::to_string(t) + "\n";
        for (RelId r : rels) {
            for (const auto& tuple : sim::tuples_at(run, r, t)) {
                out += "  " + format_tuple(ctx.program.relation(r).name, tuple) + "\n";
            }
        }
    }
    std::size_t lost = std::count_if(run.messages.begin(), run.messages.end(),
                                     [](const sim::Message& m) { return m.delivery != sim::Delivery::DELIVERED; });
    out += "\nmessages: " + std::to_string(run.messages.size()) + " sent, " + std::to_string(lost) + " lost\n";
    for (const sim::Message& m : run.messages) {
        out += "  @" + std::to_string(m.sent) + " " + ctx.model.node_name(m.from) + " -> " +
               ctx.model.node_name(m.to) + "  " + format_tuple(ctx.program.relation(m.rel).name, message_values(run, m));
        out += m.delivery == sim::Delivery::DELIVERED ? "\n" : std::string("  LOST (") + delivery_name(m.delivery) + ")\n";
    }
    out += "\n" + invariant_text(ctx, run, verdict);
    return out;
}

std::string run_json(const RunContext& ctx, const sim::Run& run, const sim::Verdict& verdict) {
    ordered_json doc;
    doc["schema"] = 1;
    doc["tool"] = "ldfi";
    doc["version"] = version();
    doc["config"] = {{"files", ctx.files}, {"nodes", ctx.model.nodes()}, {"eot", ctx.model.bounds().eot}};
    doc["faults"] = faults_json(ctx.model, run.faults);
    ordered_json times = ordered_json::array();
    std::vector<RelId> rels = shown_relations(ctx);
    for (std::int32_t t = 1; t <= run.db.eot(); ++t) {
        ordered_json relations = ordered_json::object();
        for (RelId r : rels) {
            ordered_json tuples = ordered_json::array();
            for (const auto& tuple : sim::tuples_at(run, r, t)) tuples.push_back(tuple_json(tuple));
            if (!tuples.empty()) relations[ctx.program.relation(r).name] = tuples;
        }
        times.push_back({{"time", t}, {"relations", relations}});
    }
    doc["times"] = times;
    doc["messages"] = messages_json(ctx.program, ctx.model, run);
    ordered_json missing = ordered_json::array();
    for (const auto& t : verdict.missing) missing.push_back(tuple_json(t));
    bool has_invariant = ctx.program.pre.valid() && ctx.program.post.valid();
    doc["invariant"] = {{"defined", has_invariant},
                        {"violated", verdict.violated},
                        {"pre_count", verdict.pre_count},
                        {"missing", missing}};
    doc["warnings"] = run.warnings;
    return doc.dump(2) + "\n";
}

}  // namespace ldfi::viz
