// Parallel batch execution with a shared work counter.
#include "executor.hpp"

#include <atomic>
#include <exception>
#include <optional>
#include <thread>

namespace ldfi::search {

std::vector<sim::Run> run_batch(const sim::Simulator& simulator, const std::vector<sim::FailureSpec>& batch,
                                unsigned jobs) {
    std::vector<std::optional<sim::Run>> slots(batch.size());
    std::vector<std::exception_ptr> errors(batch.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < batch.size(); i = next++) {
            try {
                slots[i].emplace(simulator.run(batch[i]));
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    unsigned threads = std::min<std::size_t>(jobs == 0 ? 1 : jobs, batch.size());
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (unsigned i = 0; i < threads; ++i) pool.emplace_back(work);
        for (auto& t : pool) t.join();
    }
    std::vector<sim::Run> runs;
    runs.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (errors[i]) std::rethrow_exception(errors[i]);
        runs.push_back(std::move(*slots[i]));
    }
    return runs;
}

}  // namespace ldfi::search
