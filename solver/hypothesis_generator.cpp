// The hypothesis generator's public face: picks a backend and forwards to it.
#include "ldfi/solver/hypothesis_generator.hpp"

#include "engine.hpp"

namespace ldfi::solver {

struct HypothesisGenerator::Impl {
    std::unique_ptr<HypothesisEngine> engine;
};

HypothesisGenerator::HypothesisGenerator(std::shared_ptr<const sim::FaultSpace> space,
                                         std::shared_ptr<Formula> formula, GeneratorOptions options)
    : m_impl(std::make_unique<Impl>()) {
    switch (options.backend) {
        case Backend::BRUTE_FORCE:
            m_impl->engine = make_brute_force_engine(std::move(space), std::move(formula));
            break;
        case Backend::Z3:
            m_impl->engine = make_z3_engine(std::move(space), std::move(formula), options);
            break;
        case Backend::AUTO:
            // A dump of every query needs every query to be Z3's.
            m_impl->engine = options.dump_smt_dir.empty()
                                 ? make_auto_engine(std::move(space), std::move(formula), options)
                                 : make_z3_engine(std::move(space), std::move(formula), options);
            break;
    }
}

HypothesisGenerator::HypothesisGenerator(const sim::FaultModel& model, std::shared_ptr<Formula> formula,
                                         GeneratorOptions options)
    : HypothesisGenerator(std::make_shared<const sim::FaultSpace>(model), std::move(formula),
                          std::move(options)) {}

HypothesisGenerator::~HypothesisGenerator() = default;

void HypothesisGenerator::add_goal(FormulaId derived) { m_impl->engine->add_goal(derived); }

void HypothesisGenerator::prefer_keeping(FormulaId f) { m_impl->engine->prefer_keeping(f); }

void HypothesisGenerator::exclude(const sim::FailureSpec& tested) { m_impl->engine->exclude(tested); }

void HypothesisGenerator::forbid_supersets(const sim::FailureSpec& found) {
    m_impl->engine->forbid_supersets(found);
}

void HypothesisGenerator::next_round() { m_impl->engine->next_round(); }

std::optional<sim::FailureSpec> HypothesisGenerator::next() { return m_impl->engine->next(); }

const GeneratorStats& HypothesisGenerator::stats() const { return m_impl->engine->stats(); }

}  // namespace ldfi::solver
