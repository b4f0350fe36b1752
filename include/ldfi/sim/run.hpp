// One simulated execution of a checked program under a FailureSpec, and the simulator.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/eval/database.hpp"
#include "ldfi/sim/fault_model.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::sim {

/// One message: the head of an `@async` firing, sent at `sent`, arriving at `sent + 1` unless lost.
struct Message {
    RelId rel;
    NodeId from, to;
    std::int32_t sent = 0;
    Delivery delivery = Delivery::DELIVERED;
    std::vector<ValueId> values;  ///< the message tuple (its first column is `to`'s name)
    eval::TupleId tuple;          ///< the delivered tuple at `sent + 1`; invalid if lost
};

struct RunOptions {
    bool provenance = true;                 ///< record firings (needed for lineage)
    std::uint64_t max_tuples = 10'000'000;  ///< ResourceError beyond this many tuples
    std::uint64_t max_probes = 0;           ///< join work limit (eval::EvalOptions::max_probes); 0: none
};

/// Everything that happened in one run: a first-class value, kept per run for lineage.
struct Run {
    FailureSpec faults;
    ValueTable values;                       ///< every value this run mentions
    eval::Database db;                       ///< every tuple at every time 1..eot
    std::vector<eval::Firing> firings;       ///< empty unless RunOptions::provenance
    std::vector<Message> messages;           ///< in send order (time, then rule, then derivation order)
    std::vector<std::string> warnings;       ///< e.g. a message to an unconfigured node (once each)
    std::vector<std::string> unknown_nodes;  ///< names messages went to or came from that are no node
    std::uint64_t derived_tuples = 0;        ///< tuples inserted by rules (facts and built-ins excluded)
    std::vector<ValueId> nodes;              ///< the configured nodes' names, by NodeId
};

/// Runs a checked program on a set of nodes up to EOT. Thread-safe: run() is const.
class Simulator {
public:
    Simulator(std::shared_ptr<const analysis::CheckedProgram> program, FaultModel model,
              RunOptions options = {});
    ~Simulator();
    Simulator(Simulator&&) noexcept;
    Simulator& operator=(Simulator&&) noexcept;

    /// Simulates times 1..eot under `faults` (which must satisfy the model's node range; bounds
    /// are the caller's business: `ldfi run` may inject any fault the user names).
    [[nodiscard]] Run run(const FailureSpec& faults) const;

    [[nodiscard]] const analysis::CheckedProgram& program() const;
    [[nodiscard]] const FaultModel& model() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ldfi::sim
