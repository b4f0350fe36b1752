// Why-not lineage for negated atoms: which tuples' loss could make a negated atom hold.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "ldfi/lineage/fault_sensitivity.hpp"
#include "ldfi/lineage/lineage_graph.hpp"

namespace ldfi::lineage {

/// For a negated atom `notin p(v)@t` that held when a rule fired: p(v)@t can appear under faults
/// only if some rule for p fires at t that did not before, which needs one of its body atoms to
/// change: a negated, losable atom losing a matching tuple (those tuples are the support), or a
/// positive, gainable atom appearing (then the same question, recursively, for that atom at its
/// time, with the values the head unification fixes). Times bound the recursion: nothing derived
/// by a rule exists before time 1. A positive `crash` atom appears exactly when a matching crash
/// happens: such patterns are support too. A literal that the head's values fix completely and
/// that blocks the rule in the run must change for any new firing, so its change alone is the
/// rule's support. An open variable in the location column of a positive literal ranges over
/// the nodes (and that literal's fact locations): each value is unfolded as a firing of its own.
/// A negated literal with `_` columns (`notin p(X, _)`) holds again only when
/// EVERY present match is lost: its matches that agree on the other columns form one group,
/// which flips the atom only if all of its tuples are lost. Too deep: ANY_FAULT.
class NegativeSupportFinder {
public:
    NegativeSupportFinder(const analysis::CheckedProgram& program, const sim::Run& run);

    /// The kind of support; for TUPLES, the tuples whose loss alone could flip it are appended
    /// to `tuples`, the groups of tuples that could flip it only when all of them are lost to
    /// `all_of`, and the patterns of `crash` atoms whose appearing (a matching crash) could flip
    /// it to `crashes`.
    NegativeSupport find(const eval::NegatedAtom& atom, std::vector<eval::TupleId>& tuples,
                         std::vector<std::vector<eval::TupleId>>& all_of,
                         std::vector<std::vector<ValueId>>& crashes) const;
    [[nodiscard]] const FaultSensitivity& sensitivity() const { return m_sensitivity; }
    /// One way an aggregate firing's group may GAIN a row (docs/algorithm.md, "Aggregates"): a body
    /// literal of its rule, with the values the head's group columns fix (`atom`; the aggregated
    /// and other variables stay open).
    struct AggregateRow {
        eval::NegatedAtom atom;
        /// A negated literal: a row it blocks in this run appears when its present matches are
        /// lost. A positive one: a row appears when a matching tuple appears.
        const analysis::BodyLiteral* literal = nullptr;
    };
    /// The literals whose change could give the group of `head` (fired by aggregate `rule`) a new
    /// row: every positive literal of a gainable relation (more faults may add a match) and, in a
    /// run with faults, of a losable one (fewer faults may bring one back), and every negated
    /// literal whose present matches some fault set may remove (losable, or gainable and so
    /// perhaps present only under this run's faults).
    std::vector<AggregateRow> aggregate_rows(const analysis::CheckedRule& rule, eval::TupleId head,
                                             std::int32_t body_time) const;
    /// For a negated literal of aggregate_rows(): its present matches, each alone or, where the
    /// literal has `_` columns, grouped as for a `notin` (add_lost_support). TUPLES when there are
    /// any, STABLE when none blocks a row.
    NegativeSupport blocking_matches(const analysis::CheckedRule& rule, const AggregateRow& row,
                                     std::vector<eval::TupleId>& tuples,
                                     std::vector<std::vector<eval::TupleId>>& all_of) const;

private:
    using Pattern = std::vector<ValueId>;  ///< per column; invalid = any value
    using Binding = std::vector<ValueId>;  ///< per rule variable; invalid = unbound
    struct Search {
        std::set<std::tuple<std::uint32_t, std::int32_t, std::vector<std::uint32_t>>> seen;
        std::vector<eval::TupleId>& out;
        std::vector<std::vector<eval::TupleId>>& all_of;
        std::vector<std::vector<ValueId>>& crashes;
    };
    /// The first body literal that the head's values fix completely and that blocks the rule in
    /// this run; `literal` is null when such a literal cannot change under faults (the rule can
    /// never fire anew).
    struct Blocking {
        const analysis::BodyLiteral* literal;
        Pattern pattern;
        std::int32_t time;
        std::optional<eval::TupleId> tuple;  ///< for a negated literal: the present tuple
    };
    std::optional<Blocking> blocking_literal(const analysis::CheckedRule& rule, const Binding& binding,
                                             std::int32_t body_time) const;
    /// False when the answer is ANY_FAULT.
    bool could_appear(RelId rel, const Pattern& pattern, std::int32_t time, int depth, Search& search) const;
    bool unfold(const analysis::CheckedRule& rule, const Pattern& pattern, std::int32_t time, int depth,
                Search& search) const;
    bool unfold_bound(const analysis::CheckedRule& rule, Binding& binding, std::int32_t body_time, int depth,
                      Search& search) const;
    /// The first positive body literal, of a relation whose tuples live at nodes, whose location
    /// (first column) is a variable that `binding` leaves open; null if none.
    const analysis::BodyLiteral* open_location(const analysis::CheckedRule& rule,
                                               const Binding& binding) const;
    /// Every value that literal's location variable can take in any run.
    std::vector<ValueId> location_domain(const analysis::BodyLiteral& lit, std::int32_t body_time) const;
    /// A comparison under `binding`: nullopt when a side is unbound or not a plain variable or constant.
    std::optional<bool> holds(const analysis::BodyLiteral& cmp, const Binding& binding) const;
    bool bind_head(const analysis::CheckedRule& rule, const Pattern& pattern, Binding& binding) const;
    Pattern instantiate(const std::vector<analysis::TermPtr>& args, const Binding& binding) const;
    bool matches(const Pattern& pattern, eval::TupleId t) const;
    /// A negated literal's present matches at `at` become support: each alone, or, when the
    /// literal has `_` columns, grouped by the other columns (a group must be lost entirely).
    void add_lost_support(const analysis::CheckedRule& rule, const analysis::BodyAtom& atom,
                          const Pattern& pattern, std::int32_t at, bool negated, Search& search) const;

    /// find() without the memo.
    NegativeSupport unfold_atom(const eval::NegatedAtom& atom, std::vector<eval::TupleId>& tuples,
                                std::vector<std::vector<eval::TupleId>>& all_of,
                                std::vector<std::vector<ValueId>>& crashes) const;
    struct Found {
        NegativeSupport kind = NegativeSupport::STABLE;
        std::vector<eval::TupleId> tuples;
        std::vector<std::vector<eval::TupleId>> all_of;
        std::vector<std::vector<ValueId>> crashes;
    };

    const analysis::CheckedProgram& m_program;
    const sim::Run& m_run;
    FaultSensitivity m_sensitivity;
    /// Per relation: its derived tuples are always at configured nodes (see the constructor).
    std::vector<bool> m_at_nodes;
    /// find()'s answers so far, by (relation, time, values): one finder serves one thread.
    mutable std::map<std::tuple<std::uint32_t, std::int32_t, std::vector<std::uint32_t>>, Found> m_found;
};

}  // namespace ldfi::lineage
