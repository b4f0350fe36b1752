// The report page's data (see report_data.hpp). Layout, with `s` the interned strings and every
// other string field an index into it:
//   nodes: [name], eot, files: [path], rels: [name sid], inv: [rel] (what pre and post read),
//   rules: [[text sid, file, line]],
//   msgs: [[rel, from, to, sent, tuple sid]] (every message of every run drawn),
//   base: the fault-free run {state: [[time, column, rel, tuple sid]], msgs: [message], cap},
//   runs: {"N": {faults sid, crash: [[node, time]], add, del (state entries that appeared or
//          vanished), tuples (the run's count), cap (true: too many to list, add and del empty),
//          gone, extra (messages not sent / sent only here), lost: [[message, code]] (1 omitted,
//          2 the sender had crashed), views: [lineage view]}},
//   lineage view: {title sid, kind, n: [node], e: [[from, to, notin?]], note sid}, where a node is
//     [0, label, first, last, flags] for a tuple (flags: 1 goal, 2 absent in the run) or
//     [1, label, time, rule, flags, from, to, sent, needed-absent sid] for a firing (flags: 4 a
//     message, 8 lost to the run's faults, 16 lost because its sender had crashed; from = -1
//     without a message).
// A state column is a node's index, or the number of nodes for tuples not located at a node.
#include "report_data.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "ldfi/viz/run_output.hpp"
#include "lineage_select.hpp"
#include "report_parts.hpp"

namespace ldfi::viz {

namespace {

using nlohmann::json;

class Strings {
public:
    int operator()(const std::string& s) {
        auto [it, fresh] = m_ids.try_emplace(s, static_cast<int>(m_list.size()));
        if (fresh) m_list.push_back(s);
        return it->second;
    }
    [[nodiscard]] json list() const { return m_list; }

private:
    std::unordered_map<std::string, int> m_ids;
    std::vector<std::string> m_list;
};

// One state entry: (time, column, relation, tuple text id).
using StateEntry = std::array<int, 4>;
// A message as drawn: relation, from, to, sent and its tuple's text.
using MessageId = std::tuple<int, int, int, int, int>;

std::vector<Value> values_of(const sim::Run& run, const std::vector<ValueId>& ids) {
    std::vector<Value> out;
    for (ValueId v : ids) out.push_back(run.values.get(v));
    return out;
}

class DataBuilder {
public:
    explicit DataBuilder(const ReportContext& ctx)
        : m_ctx(ctx), m_program(ctx.check.program), m_model(ctx.check.model) {}

    json build() {
        json doc;
        std::vector<std::string> nodes = m_model.nodes();
        doc["nodes"] = nodes;
        doc["eot"] = m_model.bounds().eot;
        doc["files"] = files();
        doc["rels"] = relations();
        doc["inv"] = invariant_reads();
        doc["rules"] = rules();
        m_base = fault_free_run(m_ctx);
        json base = json::object();
        if (m_base) {
            m_base_state = state_of(*m_base);
            m_base_msgs = messages_of(*m_base);
            base["state"] = entries(m_base_state);
            base["msgs"] = message_list(m_base_msgs);
            base["cap"] = m_base_state.size() > STATE_MAX_TUPLES;
        }
        doc["base"] = base;
        json runs = json::object();
        for (std::size_t i = 0; i < m_ctx.result.runs.size(); ++i) {
            if (has_details(m_ctx, i)) runs[std::to_string(i)] = run_entry(i);
        }
        doc["runs"] = runs;
        doc["msgs"] = m_messages;
        doc["s"] = m_s.list();
        return doc;
    }

private:
    // Every source file as read (includes too), so that a rule's file index finds its path.
    json files() const {
        json out = json::array();
        if (m_ctx.check.sources) {
            for (std::uint32_t i = 0; i < m_ctx.check.sources->size(); ++i)
                out.push_back(m_ctx.check.sources->path(i));
        } else {
            for (const auto& f : m_ctx.check.files) out.push_back(f);
        }
        return out;
    }

    json relations() {
        json out = json::array();
        for (const auto& r : m_program.relations) out.push_back(m_s(r.name));
        return out;
    }

    // The relations the invariant reads: the bodies of the rules that derive pre and post.
    json invariant_reads() const {
        std::set<std::uint32_t> rels;
        for (const auto& rule : m_program.rules) {
            if (rule.head_rel != m_program.pre && rule.head_rel != m_program.post) continue;
            for (const auto& lit : rule.body) {
                if (lit.kind == analysis::BodyLiteral::Kind::COMPARISON) continue;
                if (lit.atom.rel != m_program.pre && lit.atom.rel != m_program.post &&
                    lit.atom.rel != m_program.clock)
                    rels.insert(lit.atom.rel.index());
            }
        }
        return rels;
    }

    json rules() {
        json out = json::array();
        for (const auto& rule : m_program.rules)
            out.push_back({m_s(rule.text), rule.loc.file, rule.loc.line});
        return out;
    }

    int column(const std::vector<Value>& tuple) const {
        const auto& nodes = m_model.nodes();
        if (!tuple.empty()) {
            if (const auto* s = std::get_if<std::string>(&tuple[0])) {
                return static_cast<int>(std::find(nodes.begin(), nodes.end(), *s) - nodes.begin());
            }
        }
        return static_cast<int>(nodes.size());
    }

    std::set<StateEntry> state_of(const sim::Run& run) {
        std::set<StateEntry> out;
        for (std::uint32_t i = 0; i < m_program.relations.size(); ++i) {
            if (m_program.relations[i].kind == analysis::RelKind::BUILTIN_CLOCK) continue;
            for (std::int32_t t = 1; t <= run.db.eot(); ++t) {
                for (const auto& tuple : sim::tuples_at(run, RelId(i), t)) {
                    out.insert({t, column(tuple), static_cast<int>(i),
                                m_s(format_tuple(m_program.relations[i].name, tuple))});
                }
            }
        }
        return out;
    }

    static json entries(const std::set<StateEntry>& set) {
        json out = json::array();
        if (set.size() > STATE_MAX_TUPLES) return out;
        for (const auto& e : set) out.push_back(e);
        return out;
    }

    int message_id(const sim::Run& run, const sim::Message& m) {
        std::string text = format_tuple(m_program.relation(m.rel).name, values_of(run, m.values));
        MessageId key{static_cast<int>(m.rel.index()), static_cast<int>(m.from.index()),
                      static_cast<int>(m.to.index()), m.sent, m_s(text)};
        auto [it, fresh] = m_message_ids.try_emplace(key, static_cast<int>(m_messages.size()));
        if (fresh) {
            auto [rel, from, to, sent, tuple] = key;
            m_messages.push_back({m_s(m_program.relation(m.rel).name), from, to, sent, tuple});
        }
        return it->second;
    }

    std::map<int, sim::Delivery> messages_of(const sim::Run& run) {
        std::map<int, sim::Delivery> out;
        for (const auto& m : run.messages) out[message_id(run, m)] = m.delivery;
        return out;
    }

    static json message_list(const std::map<int, sim::Delivery>& msgs) {
        json out = json::array();
        for (const auto& [id, d] : msgs) out.push_back(id);
        return out;
    }

    json run_entry(std::size_t index) {
        const search::RunRecord& rec = m_ctx.result.runs[index];
        const sim::Run& run = *rec.run;
        json out;
        out["faults"] = m_s(faults_summary(m_model, rec.faults));
        json crashes = json::array();
        for (std::uint32_t n = 0; n < m_model.nodes().size(); ++n) {
            if (auto t = run.faults.crash_time(NodeId(n))) crashes.push_back({n, *t});
        }
        out["crash"] = crashes;
        add_state_diff(run, out);
        add_message_diff(run, out);
        out["views"] = views(index);
        return out;
    }

    void add_state_diff(const sim::Run& run, json& out) {
        std::set<StateEntry> state = state_of(run), add, del;
        std::set_difference(state.begin(), state.end(), m_base_state.begin(), m_base_state.end(),
                            std::inserter(add, add.end()));
        std::set_difference(m_base_state.begin(), m_base_state.end(), state.begin(), state.end(),
                            std::inserter(del, del.end()));
        bool cap = m_base_state.size() > STATE_MAX_TUPLES || add.size() + del.size() > STATE_MAX_TUPLES;
        out["add"] = cap ? json::array() : entries(add);
        out["del"] = cap ? json::array() : entries(del);
        out["tuples"] = state.size();
        out["cap"] = cap;
    }

    void add_message_diff(const sim::Run& run, json& out) {
        std::map<int, sim::Delivery> msgs = messages_of(run);
        json gone = json::array(), extra = json::array(), lost = json::array();
        for (const auto& [id, d] : m_base_msgs) {
            if (!msgs.count(id)) gone.push_back(id);
        }
        for (const auto& [id, d] : msgs) {
            if (!m_base_msgs.count(id)) extra.push_back(id);
            if (d != sim::Delivery::DELIVERED) lost.push_back({id, d == sim::Delivery::OMITTED ? 1 : 2});
        }
        out["gone"] = gone;
        out["extra"] = extra;
        out["lost"] = lost;
    }

    // A counterexample: why its pre held (the faulty run's lineage of the pre tuples left without
    // post) and why post did not (the fault-free lineage of the broken goals, cut by the faults).
    // Any other run: the lineage the search learned from it.
    json views(std::size_t index) {
        const search::RunRecord& rec = m_ctx.result.runs[index];
        json out = json::array();
        if (rec.verdict.violated) {
            if (m_ctx.fault_free_lineage) {
                LineageView cut{broken_roots(*m_ctx.fault_free_lineage, rec.verdict.missing), &rec.faults,
                                rec.run.get(), LINEAGE_MAX_NODES};
                std::size_t n = cut.roots.size();
                out.push_back(view(*m_ctx.fault_free_lineage, cut, "cut",
                                   "Why post did not hold: the lineage of the broken goal" +
                                       std::string(n == 1 ? "" : "s") + " in the fault-free run, cut by " +
                                       faults_summary(m_model, rec.faults)));
            }
            if (auto pre = pre_lineage(rec)) {
                LineageView held{pre->goals(), nullptr, nullptr, LINEAGE_MAX_NODES};
                out.push_back(view(*pre, held, "pre",
                                   "Why pre held in this run: the lineage of the pre tuple" +
                                       std::string(pre->goals().size() == 1 ? "" : "s") +
                                       " left without post"));
            }
        } else if (rec.lineage) {
            LineageView learned{rec.lineage->goals(), nullptr, nullptr, LINEAGE_MAX_NODES};
            out.push_back(
                view(*rec.lineage, learned, "learned", "The lineage the search learned from this run"));
        }
        return out;
    }

    // The run again, with provenance: the lineage of its pre tuples that have no post.
    std::shared_ptr<const lineage::LineageGraph> pre_lineage(const search::RunRecord& rec) const {
        if (!m_program.pre.valid() || rec.verdict.missing.empty()) return nullptr;
        sim::Run run = report_simulator(m_ctx.check, true).run(rec.faults);
        std::vector<lineage::TupleKey> goals;
        for (const auto& values : rec.verdict.missing) goals.push_back({m_program.pre, values, run.db.eot()});
        return std::make_shared<const lineage::LineageGraph>(
            lineage::LineageGraph::build(m_program, run, goals));
    }

    json view(const lineage::LineageGraph& g, const LineageView& v, const char* kind,
              const std::string& title) {
        LineageSelection sel = select_lineage(m_program, g, v);
        json nodes = json::array(), edges = json::array();
        std::map<std::uint32_t, int> tuple_node;
        for (const auto& [t, d] : sel.tuples) {
            tuple_node[t] = static_cast<int>(nodes.size());
            std::string label = lineage::format_key(m_program, g.tuples()[t].key);
            nodes.push_back({0, m_s(label), d.first, d.last, (d.root ? 1 : 0) | (d.missing ? 2 : 0)});
        }
        for (std::uint32_t i : sel.firings) {
            const auto& f = g.firings()[i];
            int id = static_cast<int>(nodes.size());
            nodes.push_back(firing_node(g, f, v));
            edges.push_back({id, tuple_node.at(sel.rep[f.head]), 0});
            std::set<int> inputs;
            for (std::uint32_t b : f.body) {
                auto it = tuple_node.find(sel.rep[b]);
                if (it != tuple_node.end() && inputs.insert(it->second).second)
                    edges.push_back({it->second, id, 0});
            }
            for (const auto& n : f.negated) {
                for (std::uint32_t b : n.every_support_tuple()) {
                    auto it = tuple_node.find(sel.rep[b]);
                    if (it != tuple_node.end() && inputs.insert(it->second).second)
                        edges.push_back({it->second, id, 1});
                }
            }
        }
        json out{{"title", m_s(title)}, {"kind", kind}, {"n", nodes}, {"e", edges}};
        std::string note = selection_note(sel);
        if (!note.empty()) out["note"] = m_s(note);
        return out;
    }

    json firing_node(const lineage::LineageGraph& g, const lineage::LineageFiring& f, const LineageView& v) {
        const auto& rule = m_program.rule(f.rule);
        std::string label = m_program.relation(rule.head_rel).name;
        int flags = 0, from = -1, to = -1, sent = 0;
        if (f.message) {
            flags |= 4;
            from = static_cast<int>(f.message->from.index());
            to = static_cast<int>(f.message->to.index());
            sent = f.message->sent;
            sim::Delivery d =
                v.cut ? sim::FaultModel::deliver(*v.cut, f.message->from, f.message->to, f.message->sent)
                      : sim::Delivery::DELIVERED;
            if (d == sim::Delivery::OMITTED) flags |= 8;
            if (d == sim::Delivery::SENDER_CRASHED) flags |= 8 | 16;
        }
        int needed = -1;
        if (!f.negated.empty()) needed = m_s(absent_text(f));
        return {1, m_s(label), g.tuples()[f.head].key.time, f.rule.index(), flags, from, to, sent, needed};
    }

    // "notin vote(C, _)@3 held: no such tuple", one line per negated atom the firing needed false.
    std::string absent_text(const lineage::LineageFiring& f) const {
        std::string out;
        for (const auto& n : f.negated) {
            std::string args;
            for (const auto& v : n.values) args += (args.empty() ? "" : ", ") + (v ? format_value(*v) : "_");
            out += (out.empty() ? "" : "\n") + std::string("held because no ") +
                   m_program.relation(n.rel).name + "(" + args + ")@" + std::to_string(n.time) + " existed";
        }
        return out;
    }

    static std::string selection_note(const LineageSelection& sel) {
        std::string note;
        if (sel.collapsed > 0)
            note +=
                std::to_string(sel.collapsed) + " tuples folded into persistence chains (shown as @t1..t2). ";
        if (sel.stable > 0)
            note += std::to_string(sel.stable) +
                    " tuples no fault can remove (local facts and what follows from them alone) not drawn. ";
        if (sel.elided > 0)
            note += std::to_string(sel.elided) + " of " + std::to_string(sel.shown + sel.elided) +
                    " nodes elided (at most " + std::to_string(LINEAGE_MAX_NODES) +
                    " shown, nearest the goals first).";
        if (!note.empty() && note.back() == ' ') note.pop_back();
        return note;
    }

    const ReportContext& m_ctx;
    const analysis::CheckedProgram& m_program;
    const sim::FaultModel& m_model;
    Strings m_s;
    std::shared_ptr<const sim::Run> m_base;
    std::set<StateEntry> m_base_state;
    std::map<int, sim::Delivery> m_base_msgs;
    std::map<MessageId, int> m_message_ids;
    json m_messages = json::array();
};

}  // namespace

json report_data(const ReportContext& ctx) { return DataBuilder(ctx).build(); }

std::string script_json(const json& doc) {
    std::string text = doc.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<') {
            out += "\\u003c";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace ldfi::viz
