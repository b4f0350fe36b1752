// Differential test: the fault-free run of random Dedalus programs against clingo's model of
// their time-expanded ASP translation (random_dedalus.hpp). Every tuple of every relation at
// every time must agree. LDFI_DIFF_PROGRAMS (default 1000) programs from seed LDFI_DIFF_SEED
// (default 1); a mismatch prints the seed, both programs and the difference.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "ldfi/sim/run.hpp"
#include "random_dedalus.hpp"
#include "spec_text.hpp"

namespace ldfi::test {
namespace {

using TupleSet = std::set<std::string>;

constexpr int CLINGO_SECONDS = 30;
const std::string TIMED_OUT = "clingo timed out";

std::uint32_t env_number(const char* name, std::uint32_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? static_cast<std::uint32_t>(std::stoul(v)) : fallback;
}

/// Our evaluator: every tuple as `rel(v1, ..)@t`.
TupleSet ours(const DifferentialCase& c, std::uint64_t& derived) {
    auto program = checked(c.dedalus);
    sim::FaultModel model(c.nodes, sim::FaultBounds{c.eot, c.eot, 0});
    sim::Simulator simulator(program, model, sim::RunOptions{.provenance = false});
    sim::Run run = simulator.run({});
    derived += run.derived_tuples;
    TupleSet out;
    for (const auto& [name, arity] : c.relations) {
        RelId rel = program->find(name);
        if (!rel.valid()) continue;
        for (std::int32_t t = 1; t <= c.eot; ++t) {
            for (eval::TupleId id : run.db.tuples(rel, t)) {
                std::string text = name + "(";
                bool first = true;
                for (ValueId v : run.db.values(id)) {
                    const Value& value = run.values.get(v);
                    text += (first ? "" : ",");
                    text += std::holds_alternative<std::string>(value) ? "\"" + std::get<std::string>(value) + "\""
                                                                        : format_value(value);
                    first = false;
                }
                out.insert(text + ")@" + std::to_string(t));
            }
        }
    }
    return out;
}

/// `r("a",1,3)` (clingo's text of an atom whose last argument is the time) -> `r("a",1)@3`.
std::string from_clingo(const std::string& atom) {
    std::size_t comma = atom.rfind(',');
    if (comma == std::string::npos) return "?" + atom;
    return atom.substr(0, comma) + ")@" + atom.substr(comma + 1, atom.size() - comma - 2);
}

/// clingo's single model of the translation; an error message when there is not exactly one.
TupleSet clingo(const DifferentialCase& c, const std::filesystem::path& dir, std::string& error) {
    std::filesystem::path lp = dir / "program.lp";
    std::ofstream(lp) << c.asp;
    // gringo cannot see that time breaks the cycles through negation and aggregates, so a rare
    // program grounds slowly; it is skipped (and counted) rather than stalling the test.
    std::string cmd = "timeout " + std::to_string(CLINGO_SECONDS) + " clingo --outf=2 -W none 0 " + lp.string() + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) {
        error = "cannot start clingo";
        return {};
    }
    std::string text;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, n);
    int status = pclose(pipe);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 124) {
        error = TIMED_OUT;
        return {};
    }
    TupleSet out;
    try {
        auto doc = nlohmann::json::parse(text);
        const auto& witnesses = doc.at("Call").at(0).at("Witnesses");
        if (witnesses.size() != 1) {
            error = "clingo found " + std::to_string(witnesses.size()) + " models";
            return {};
        }
        for (const auto& atom : witnesses.at(0).at("Value")) out.insert(from_clingo(atom.get<std::string>()));
    } catch (const std::exception& e) {
        error = std::string("cannot read clingo's output (") + e.what() + "):\n" + text;
    }
    return out;
}

std::string difference(const TupleSet& a, const TupleSet& b) {
    std::string out;
    for (const std::string& t : a) {
        if (!b.count(t)) out += "  " + t + "\n";
    }
    return out.empty() ? "  (none)\n" : out;
}

bool clingo_installed() { return std::system("clingo --version >/dev/null 2>&1") == 0; }

void run_programs(std::uint32_t first_seed, std::uint32_t count) {
    ASSERT_TRUE(clingo_installed()) << "clingo is not installed (Debian package gringo; scripts/setup installs it)";
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ldfi-diff-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    int mismatches = 0;
    std::uint64_t tuples = 0, derived = 0;
    std::vector<std::uint32_t> skipped;
    for (std::uint32_t seed = first_seed; seed < first_seed + count && mismatches < 5; ++seed) {
        DifferentialCase c = RandomDedalus(seed).build();
        std::string error;
        TupleSet expected = clingo(c, dir, error);
        if (error == TIMED_OUT) {
            skipped.push_back(seed);
            continue;
        }
        TupleSet actual = ours(c, derived);
        tuples += actual.size();
        if (error.empty() && expected == actual) continue;
        ++mismatches;
        std::string nodes;
        for (const std::string& n : c.nodes) nodes += (nodes.empty() ? "" : ",") + n;
        ADD_FAILURE() << "differential mismatch, seed " << seed << " (rerun: LDFI_DIFF_SEED=" << seed
                      << " LDFI_DIFF_PROGRAMS=1), --nodes " << nodes << " --eot " << c.eot << "\n"
                      << (error.empty() ? "" : "clingo: " + error + "\n") << "--- Dedalus\n" << c.dedalus
                      << "--- ASP\n" << c.asp << "--- only in ldfi\n" << difference(actual, expected)
                      << "--- only in clingo\n" << difference(expected, actual);
    }
    std::filesystem::remove_all(dir);
    std::cout << count << " programs from seed " << first_seed << ": " << tuples << " tuples compared, " << derived
              << " of them derived by rules; " << skipped.size() << " skipped (clingo over " << CLINGO_SECONDS
              << " s)";
    for (std::uint32_t seed : skipped) std::cout << " " << seed;
    std::cout << "\n";
    EXPECT_LE(skipped.size() * 100, std::size_t{count}) << "more than 1% of the programs were skipped";
}

TEST(Gringo, RandomProgramsAgree) {
    run_programs(env_number("LDFI_DIFF_SEED", 1), env_number("LDFI_DIFF_PROGRAMS", 1000));
}

}  // namespace
}  // namespace ldfi::test
