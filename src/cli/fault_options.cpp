// `--crash` and `--omit`: the faults named on the command line (`ldfi run`, `ldfi explain`).
#include <set>

#include "cli.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::cli {

namespace {

// With --eff, an omission at or after EFF is outside the model; without it, any send time before
// EOT may be omitted. Every message names the option and its value.
sim::Omission parse_omission(const std::string& text, const sim::FaultModel& model, bool eff_given) {
    std::string error;
    const std::int32_t eot = model.bounds().eot;
    const std::int32_t eff = model.bounds().eff;
    auto o = model.parse_omission(text, error);
    if (!o) {
        // `--omit a->b@1` unquoted: the shell takes `>b@1` as a redirection and leaves `a-`.
        const bool cut = !text.empty() && text.back() == '-' && text.find('>') == std::string::npos;
        throw InputError(
            "--omit " + text + ": " + error +
            (cut ? " (the shell read '>' as a redirection: quote the argument, e.g. --omit 'a->b@1', "
                   "and remove the file the shell created)"
                 : ""));
    }
    if (o->from == o->to) {
        throw InputError("--omit " + text +
                         ": a node's messages to itself are never lost (omit needs FROM != TO)");
    }
    if (o->time < 1 || o->time >= eff) {
        std::string bound = eff_given ? "before --eff " + std::to_string(eff)
                                      : "before EOT " + std::to_string(eot) + " (no --eff given)";
        throw InputError("--omit " + text + ": omissions must be sent at time 1 or later and " + bound +
                         (eff > 1 ? ", i.e. at 1.." + std::to_string(eff - 1) : ", so none is allowed"));
    }
    return *o;
}

}  // namespace

void FaultOptions::add_to(CLI::App& app) {
    app.add_option("--crash", crashes, "crash NODE at time T: NODE@T (repeatable)");
    app.add_option("--omit", omissions, "lose the messages FROM->TO sent at T: FROM->TO@T (repeatable)");
}

FaultOptions::Parsed FaultOptions::parse(const BoundsOptions& bounds) const {
    // Without --eff any message sent before EOT may be omitted; crashes are bounded by the ones named.
    sim::FaultModel model = bounds.model(bounds.eot);
    sim::FaultModel run_model(
        model.nodes(), {model.bounds().eot, model.bounds().eff, static_cast<std::int32_t>(crashes.size())});
    sim::FailureSpec spec;
    for (const std::string& text : omissions)
        spec.add(parse_omission(text, run_model, bounds.eff.has_value()));
    const std::int32_t eot = run_model.bounds().eot;
    std::set<NodeId> crashed;
    std::string error;
    for (const std::string& text : crashes) {
        auto c = run_model.parse_crash(text, error);
        if (!c) throw InputError("--crash " + text + ": " + error);
        if (c->time < 1 || c->time >= eot) {
            throw InputError(
                "--crash " + text + ": crash times range over 1..EOT-1" +
                (eot > 1 ? " = 1.." + std::to_string(eot - 1) : ", so with EOT 1 none is allowed"));
        }
        if (!crashed.insert(c->node).second) {
            throw InputError("--crash " + text + ": node '" + run_model.node_name(c->node) +
                             "' already crashes");
        }
        spec.add(*c);
    }
    if (auto why = run_model.violation(spec)) throw InputError(*why);
    return {std::move(run_model), std::move(spec)};
}

}  // namespace ldfi::cli
