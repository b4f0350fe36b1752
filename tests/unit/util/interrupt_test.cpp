#include "ldfi/util/interrupt.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>

#include "ldfi/util/error.hpp"
#include "ldfi/util/memory.hpp"

namespace ldfi {
namespace {

TEST(Interrupt, FirstSignalOnlyAsksToStop) {
    EXPECT_EXIT(
        {
            install_interrupt_handlers();
            std::raise(SIGTERM);
            std::exit(interrupt_signal() == SIGTERM && interrupt_reason() == "interrupted by SIGTERM" ? 7
                                                                                                      : 1);
        },
        testing::ExitedWithCode(7), "");
}

TEST(Interrupt, SecondSignalKills) {
    EXPECT_EXIT(
        {
            install_interrupt_handlers();
            std::raise(SIGINT);
            std::raise(SIGINT);
            std::exit(0);
        },
        testing::KilledBySignal(SIGINT), "");
}

TEST(Interrupt, TheResourceGuardStopsLongLoops) {
    request_interrupt(SIGINT);
    try {
        check_resource_limits("at time 3");
        ADD_FAILURE() << "no ResourceError";
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(), "interrupted by SIGINT at time 3");
    }
    request_interrupt(0);
    EXPECT_NO_THROW(check_resource_limits("at time 3"));
}

}  // namespace
}  // namespace ldfi
