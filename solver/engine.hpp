// Private to the solver module: the interface both hypothesis backends implement.
#pragma once

#include <memory>
#include <optional>

#include "ldfi/solver/hypothesis_generator.hpp"

namespace ldfi::solver {

/// One way to enumerate minimal hypotheses; HypothesisGenerator forwards to one of these.
class HypothesisEngine {
public:
    virtual ~HypothesisEngine() = default;
    virtual void add_goal(FormulaId derived) = 0;
    virtual void prefer_keeping(FormulaId /*f*/) {}  ///< only an order hint: may be ignored
    virtual void exclude(const sim::FailureSpec& tested) = 0;
    virtual void forbid_supersets(const sim::FailureSpec& found) = 0;
    virtual void next_round() = 0;
    virtual std::optional<sim::FailureSpec> next() = 0;
    [[nodiscard]] virtual const GeneratorStats& stats() const = 0;
};

std::unique_ptr<HypothesisEngine> make_z3_engine(std::shared_ptr<const sim::FaultSpace> space,
                                                 std::shared_ptr<Formula> formula,
                                                 const GeneratorOptions& options);
std::unique_ptr<HypothesisEngine> make_auto_engine(std::shared_ptr<const sim::FaultSpace> space,
                                                   std::shared_ptr<Formula> formula,
                                                   const GeneratorOptions& options);
std::unique_ptr<HypothesisEngine> make_brute_force_engine(std::shared_ptr<const sim::FaultSpace> space,
                                                          std::shared_ptr<Formula> formula);

}  // namespace ldfi::solver
