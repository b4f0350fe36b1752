// What a verdict proved (see report_proof.hpp). The cuts shown for a good outcome are the fault
// sets the search ran (for the lineage loop, each a smallest set that could still cut every
// derivation it knew of), then each single fault of the fault space that loses a message of the
// outcome's fault-free lineage; each is simulated again with provenance, and one derivation of the
// outcome in that run (for each tuple the earliest) shows which messages carried it anyway.
#include "report_proof.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "ldfi/sim/fault_space.hpp"
#include "ldfi/viz/run_output.hpp"
#include "report_parts.hpp"

namespace ldfi::viz {

namespace {

/// Fault sets simulated again to explain a certified verdict, at most.
constexpr std::size_t MAX_PROBES = 60;

std::string esc(std::string_view s) { return html_escape(s); }

struct Goal {
    std::uint32_t root = 0;         ///< tuple index in the fault-free lineage
    std::set<MessageKey> messages;  ///< its fault-free lineage's messages
};

struct Cut {
    std::string faults;
    std::size_t run = SIZE_MAX;       ///< the search's run with these faults, if any
    std::vector<MessageKey> lost;     ///< messages of the goal's fault-free lineage the faults lose
    std::vector<MessageKey> through;  ///< the messages of one derivation of it in the faulty run
    bool held = true;
    bool pre_held = false;  ///< when it did not hold: whether its pre did
};

class Redundancy {
public:
    explicit Redundancy(const ReportContext& ctx)
        : m_ctx(ctx), m_program(ctx.check.program), m_model(ctx.check.model) {}

    std::string section() {
        const auto& g = m_ctx.fault_free_lineage;
        if (!g || g->goals().empty()) return "";
        for (std::uint32_t root : g->goals())
            m_goals.push_back({root, lineage_messages(m_program, *g, {root})});
        std::vector<std::pair<sim::FailureSpec, std::size_t>> candidates = probes();
        std::vector<std::vector<Cut>> cuts(m_goals.size());
        for (const auto& [faults, run] : candidates) add_cuts(faults, run, cuts);
        std::string out =
            "<section id=\"proof\"><h2>Why every good outcome survived</h2><p class=\"note\">Each good "
            "outcome (a <code>post</code> tuple of the fault-free run) with the fault sets that cut its "
            "fault-free lineage: the search's runs, then every single fault that loses one of its messages " +
            std::string("(at most ") + std::to_string(MAX_PROBES) +
            " fault sets, each simulated again). \u201cCarried by\u201d lists the messages of one derivation "
            "that survived in that run (for each tuple the earliest): the redundancy that saved it.</p>";
        for (std::size_t i = 0; i < m_goals.size(); ++i) out += goal_details(i, cuts[i]);
        return out + "</section>\n";
    }

private:
    // The search's runs with faults first (in run order), then the single faults that cut a goal.
    std::vector<std::pair<sim::FailureSpec, std::size_t>> probes() const {
        std::vector<std::pair<sim::FailureSpec, std::size_t>> out;
        std::set<std::string> seen;
        auto add = [&](const sim::FailureSpec& f, std::size_t run) {
            if (out.size() < MAX_PROBES && !f.empty() && seen.insert(m_model.format(f)).second)
                out.push_back({f, run});
        };
        for (std::size_t i = 0; i < m_ctx.result.runs.size(); ++i) add(m_ctx.result.runs[i].faults, i);
        sim::FaultSpace space(m_model);
        for (const sim::Fault& fault : space.faults()) {
            sim::FailureSpec one;
            one.add(fault);
            bool cuts = false;
            for (const auto& goal : m_goals) cuts = cuts || !lost_messages(one, goal).empty();
            if (cuts) add(one, SIZE_MAX);
        }
        return out;
    }

    static std::vector<MessageKey> lost_messages(const sim::FailureSpec& faults, const Goal& goal) {
        std::vector<MessageKey> out;
        for (const auto& m : goal.messages) {
            auto [rel, from, to, sent] = m;
            if (sim::FaultModel::deliver(faults, from, to, sent) != sim::Delivery::DELIVERED)
                out.push_back(m);
        }
        return out;
    }

    void add_cuts(const sim::FailureSpec& faults, std::size_t run_index,
                  std::vector<std::vector<Cut>>& cuts) {
        std::vector<std::size_t> hit;
        for (std::size_t i = 0; i < m_goals.size(); ++i) {
            if (!lost_messages(faults, m_goals[i]).empty()) hit.push_back(i);
        }
        if (hit.empty()) return;
        sim::Run run = simulator().run(faults);
        // One lineage for every goal the faults cut: building it walks the run's firings once.
        const auto& ff = *m_ctx.fault_free_lineage;
        std::vector<lineage::TupleKey> keys;
        for (std::size_t i : hit) keys.push_back(ff.tuples()[m_goals[i].root].key);
        lineage::LineageGraph g = lineage::LineageGraph::build(m_program, run, keys);
        for (std::size_t k = 0; k < hit.size(); ++k) {
            Cut cut{m_model.format(faults), run_index, lost_messages(faults, m_goals[hit[k]]), {}, false};
            for (std::uint32_t root : g.goals()) {
                if (g.tuples()[root].key == keys[k])
                    cut.held = true, cut.through = earliest_derivation_messages(g, root);
            }
            // Whether its pre held too, read from the run rather than assumed from the verdict.
            if (!cut.held && m_program.pre.valid())
                cut.pre_held =
                    sim::contains(sim::tuples_at(run, m_program.pre, run.db.eot()), keys[k].values);
            cuts[hit[k]].push_back(std::move(cut));
        }
    }

    // One simulator with provenance for every probe (made on first use).
    const sim::Simulator& simulator() {
        if (!m_simulator) m_simulator = std::make_unique<sim::Simulator>(report_simulator(m_ctx.check, true));
        return *m_simulator;
    }

    // The messages of one derivation of `root`: for each tuple the firing whose body is earliest,
    // a firing without a message before one with (ties: the first), so a tuple kept by
    // persistence leads back to the message that first brought it. Sorted by send time.
    std::vector<MessageKey> earliest_derivation_messages(const lineage::LineageGraph& g,
                                                         std::uint32_t root) const {
        std::set<MessageKey> out;
        std::vector<char> seen(g.tuples().size());
        std::vector<std::uint32_t> stack{root};
        while (!stack.empty()) {
            std::uint32_t t = stack.back();
            stack.pop_back();
            if (seen[t]) continue;
            seen[t] = 1;
            const lineage::LineageFiring* best = nullptr;
            std::pair<std::int32_t, bool> best_key;
            for (std::uint32_t f : g.tuples()[t].firings) {
                std::pair<std::int32_t, bool> key{0, g.firings()[f].message.has_value()};
                for (std::uint32_t b : g.firings()[f].body)
                    key.first = std::max(key.first, g.tuples()[b].key.time);
                if (!best || key < best_key) best = &g.firings()[f], best_key = key;
            }
            if (!best) continue;
            if (best->message) {
                out.insert({m_program.rule(best->rule).head_rel, best->message->from, best->message->to,
                            best->message->sent});
            }
            for (std::uint32_t b : best->body) stack.push_back(b);
        }
        std::vector<MessageKey> sorted(out.begin(), out.end());
        std::sort(sorted.begin(), sorted.end(), [](const MessageKey& a, const MessageKey& b) {
            return std::tie(std::get<3>(a), std::get<1>(a), std::get<2>(a), std::get<0>(a)) <
                   std::tie(std::get<3>(b), std::get<1>(b), std::get<2>(b), std::get<0>(b));
        });
        return sorted;
    }

    // At most `max` messages, then how many more.
    std::string message_list(const std::vector<MessageKey>& messages, std::size_t max = 8) const {
        std::string out;
        for (std::size_t i = 0; i < messages.size() && i < max; ++i) {
            auto [rel, from, to, sent] = messages[i];
            out += (out.empty() ? "" : ", ") + m_program.relation(rel).name + " " + m_model.node_name(from) +
                   "\u2192" + m_model.node_name(to) + " @" + std::to_string(sent);
        }
        if (messages.size() > max) out += " and " + std::to_string(messages.size() - max) + " more";
        return out;
    }

    std::string goal_details(std::size_t i, const std::vector<Cut>& cuts) const {
        const auto& key = m_ctx.fault_free_lineage->tuples()[m_goals[i].root].key;
        std::size_t held = static_cast<std::size_t>(
            std::count_if(cuts.begin(), cuts.end(), [](const Cut& c) { return c.held; }));
        std::string summary = "<code>" + esc(lineage::format_key(m_program, key)) + "</code>: ";
        if (m_goals[i].messages.empty()) {
            summary += "derived without any message: no omission or crash of another node can cut it";
        } else if (cuts.empty()) {
            summary += std::to_string(m_goals[i].messages.size()) +
                       " message(s) in its lineage, none of them lost by a fault within the bounds";
        } else {
            summary += std::to_string(held) + " of " + std::to_string(cuts.size()) +
                       " fault set(s) that cut its lineage left it standing";
        }
        std::string out = "<details class=\"redundancy\"" + std::string(i == 0 ? " open" : "") +
                          "><summary>" + summary + "</summary>";
        if (cuts.empty()) return out + "</details>";
        out +=
            "<table><thead><tr><th>faults</th><th>lost from its fault-free lineage</th><th>carried "
            "by</th></tr></thead><tbody>";
        for (const Cut& c : cuts) {
            std::string faults = "<code>" + esc(c.faults) + "</code>";
            if (c.run != SIZE_MAX && has_details(m_ctx, c.run))
                faults = "<a href=\"#run-" + std::to_string(c.run) + "\">" + faults + "</a> (run " +
                         std::to_string(c.run) + ")";
            std::string through =
                !c.held && c.pre_held ? "<span class=\"badge bad\">not derived, though its pre held</span>"
                : !c.held             ? "<span class=\"badge muted\">not derived; neither was its pre</span>"
                : c.through.empty()   ? "a derivation with no message"
                                      : esc(message_list(c.through, SIZE_MAX));
            out += "<tr><td>" + faults + "</td><td>" + esc(message_list(c.lost)) + "</td><td>" + through +
                   "</td></tr>";
        }
        return out + "</tbody></table></details>";
    }

    const ReportContext& m_ctx;
    const analysis::CheckedProgram& m_program;
    const sim::FaultModel& m_model;
    std::vector<Goal> m_goals;
    std::unique_ptr<sim::Simulator> m_simulator;
};

std::string engine_paragraph(const search::CheckResult& r) {
    const std::string sets = esc(r.fault_sets) +
                             " fault sets within the bounds (message omissions before EFF and "
                             "crashes within the crash bound)";
    if (r.outcome == search::Outcome::CERTIFIED) {
        switch (r.engine) {
            case search::Strategy::SYMBOLIC:
                return "Proved by the symbolic engine: no fault set within the bounds violates the "
                       "invariant. That "
                       "is every one of " +
                       sets + ", decided as one problem over the grounded program; none had to be run.";
            case search::Strategy::EXHAUSTIVE:
                return "Proved by running every one of the " + sets + ": none violates the invariant.";
            case search::Strategy::LDFI:
                return "Certified by the lineage loop over the " + sets + ": in " + std::to_string(r.rounds) +
                       " round(s) it ran " + std::to_string(r.runs.size()) +
                       " execution(s), each fault set a smallest one that could still cut every derivation "
                       "it knew "
                       "of a good outcome, learned the derivations each run revealed, and ran out of such "
                       "sets "
                       "with no run violating the invariant.";
            default:
                return "";
        }
    }
    if (r.outcome == search::Outcome::COUNTEREXAMPLE && r.engine == search::Strategy::SYMBOLIC) {
        return "Found by the symbolic engine and confirmed by the simulator: no fault set with fewer faults "
               "violates the invariant (of " +
               sets + ").";
    }
    if (r.outcome == search::Outcome::COUNTEREXAMPLE && r.engine == search::Strategy::EXHAUSTIVE) {
        return "Found by running the fault sets smallest first (of " + sets +
               "): none with fewer faults violates "
               "the invariant.";
    }
    return "";
}

}  // namespace

std::string proof_paragraph(const ReportContext& ctx) {
    const search::CheckResult& r = ctx.result;
    std::string out;
    std::string engine = engine_paragraph(r);
    if (!engine.empty()) out += "<p class=\"proof\">" + engine + "</p>";
    if (!r.fallback_reason.empty()) {
        out += "<p class=\"warn\">The symbolic engine could not decide (" + esc(r.fallback_reason) +
               "); the lineage loop did.</p>";
    }
    if (!r.untargeted_pre.empty()) {
        out +=
            "<p class=\"warn\">Certified by the lineage loop, which aims only at the fault-free run's "
            "outcomes. These <code>pre</code> tuples may hold under faults and were not targeted "
            "(<code>--strategy symbolic</code> covers them):";
        for (const auto& t : r.untargeted_pre)
            out += " <code>" + esc(format_tuple("pre", t.values)) + "</code>";
        out += "</p>";
    }
    return out;
}

std::string redundancy_section(const ReportContext& ctx) {
    if (ctx.result.outcome != search::Outcome::CERTIFIED) return "";
    return Redundancy(ctx).section();
}

}  // namespace ldfi::viz
