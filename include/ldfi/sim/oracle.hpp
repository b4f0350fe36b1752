// Judging a run's invariant at EOT: the `implies` and `molly` oracles of dedalus.md section 4.
#pragma once

#include <string>
#include <vector>

#include "ldfi/sim/run.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::sim {

enum class OracleKind { IMPLIES, MOLLY };

/// A tuple given by its values (without time), comparable across runs.
using ValueTuple = std::vector<Value>;

struct Verdict {
    bool violated = false;
    std::vector<ValueTuple> missing;  ///< `pre` tuples at EOT left without their `post`, sorted
    std::size_t pre_count = 0;        ///< number of `pre` tuples at EOT (0: vacuous in this run)
};

/// The order tuples_at() sorts by: lexicographic over value_less.
bool tuple_less(const ValueTuple& a, const ValueTuple& b);
/// Whether `sorted` (in tuple_less order) holds `t`.
bool contains(const std::vector<ValueTuple>& sorted, const ValueTuple& t);

/// The values of every tuple of `rel` at time `time` in `run`, sorted.
std::vector<ValueTuple> tuples_at(const Run& run, RelId rel, std::int32_t time);

/// implies: violated iff some `pre` tuple at EOT has no equal `post` tuple at EOT.
/// molly: violated iff some `post` tuple of the fault-free run at EOT is missing from this
/// run's `post` at EOT and present in this run's `pre` at EOT.
/// A program without pre or post is never violated.
Verdict judge(const analysis::CheckedProgram& program, const Run& run, OracleKind oracle,
              const Run* fault_free = nullptr);

}  // namespace ldfi::sim
