// Buffering derived heads with their provenance, and routing the heads of @async rules.
#include "heads.hpp"

#include <algorithm>

#include "terms.hpp"

namespace ldfi::eval::detail {

std::pair<std::uint32_t, std::uint32_t> append_provenance(RunState& st, const RuleCode& code,
                                                          const ValueId* vars, const TupleId* body) {
    auto offsets = std::pair{static_cast<std::uint32_t>(st.pending_body.size()),
                             static_cast<std::uint32_t>(st.pending_negs.size())};
    if (!st.options.provenance) return offsets;
    st.pending_body.insert(st.pending_body.end(), body, body + code.positive_count);
    TermReader terms(code.nodes, vars, st.values);
    for (const NegationCode& neg : code.negations) {
        NegatedAtom atom{neg.rel, st.now, {}};
        if (neg.at_time)
            atom.time = static_cast<std::int32_t>(std::clamp<std::int64_t>(*neg.at_time, 0, st.eot + 1));
        for (std::size_t i = 0; i < neg.terms.size(); ++i) {
            atom.values.push_back(neg.wildcard[i] ? ValueId{} : terms.intern(neg.terms[i]));
        }
        st.pending_negs.push_back(std::move(atom));
    }
    return offsets;
}

namespace {

void roll_back(RunState& st, std::pair<std::uint32_t, std::uint32_t> prov) {
    st.pending_body.resize(prov.first);
    st.pending_negs.resize(prov.second);
}

}  // namespace

void push_head(RunState& st, const RuleCode& code, const HeadTarget& target, const ValueId* head,
               ValueId from, std::pair<std::uint32_t, std::uint32_t> prov, std::uint32_t group) {
    PendingHead p;
    p.group = group;
    p.rel = code.rule->head_rel;
    p.time = target.time;
    p.rule = code.rule->id;
    if (target.kind == HeadTarget::Kind::ASYNC) {
        auto routing = target.router->route(p.rel, from, {head, code.head.size()}, st.now);
        if (!routing || (!routing->delivered && !st.options.provenance)) {
            roll_back(st, prov);
            return;
        }
        p.message = routing->message;
        p.lost = !routing->delivered;
    }
    p.values = static_cast<std::uint32_t>(st.pending_values.size());
    st.pending_values.insert(st.pending_values.end(), head, head + code.head.size());
    p.body = prov.first;
    p.body_len = static_cast<std::uint32_t>(st.pending_body.size()) - prov.first;
    p.neg = prov.second;
    p.neg_len = static_cast<std::uint32_t>(st.pending_negs.size()) - prov.second;
    st.pending.push_back(p);
    st.check_limit(st.pending.size());
}

}  // namespace ldfi::eval::detail
