// The invariant oracles of dedalus.md section 4, judged on the tuples at EOT.
#include "ldfi/sim/oracle.hpp"

#include <algorithm>

namespace ldfi::sim {

bool tuple_less(const ValueTuple& a, const ValueTuple& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), value_less);
}

bool contains(const std::vector<ValueTuple>& sorted, const ValueTuple& t) {
    return std::binary_search(sorted.begin(), sorted.end(), t, tuple_less);
}

std::vector<ValueTuple> tuples_at(const Run& run, RelId rel, std::int32_t time) {
    std::vector<ValueTuple> out;
    for (eval::TupleId t : run.db.tuples(rel, time)) {
        ValueTuple row;
        for (ValueId v : run.db.values(t)) row.push_back(run.values.get(v));
        out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), tuple_less);
    return out;
}

Verdict judge(const analysis::CheckedProgram& program, const Run& run, OracleKind oracle, const Run* fault_free) {
    Verdict verdict;
    if (!program.pre.valid() || !program.post.valid()) return verdict;
    std::int32_t eot = run.db.eot();
    auto pre = tuples_at(run, program.pre, eot);
    auto post = tuples_at(run, program.post, eot);
    verdict.pre_count = pre.size();
    if (oracle == OracleKind::IMPLIES) {
        for (const auto& t : pre) {
            if (!contains(post, t)) verdict.missing.push_back(t);
        }
    } else {
        auto good = fault_free ? tuples_at(*fault_free, program.post, fault_free->db.eot()) : post;
        for (const auto& t : good) {
            if (!contains(post, t) && contains(pre, t)) verdict.missing.push_back(t);
        }
    }
    verdict.violated = !verdict.missing.empty();
    return verdict;
}

}  // namespace ldfi::sim
