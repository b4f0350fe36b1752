// SMT-LIB 2 dumps of solver queries, for replay with plain `z3 query-000001.smt2`.
#include "smt_dump.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ldfi/util/error.hpp"

namespace ldfi::solver {

SmtDump::SmtDump(std::string dir) : m_dir(std::move(dir)) {
    if (m_dir.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec) throw InputError("cannot create SMT dump directory " + m_dir + ": " + ec.message());
}

void SmtDump::record(const z3::expr& assertion) {
    if (!m_dir.empty()) m_assertions.push_back(assertion);
}

void SmtDump::write_query(z3::context& ctx, const z3::expr_vector& assumptions) {
    if (m_dir.empty()) return;
    std::vector<Z3_ast> asserts;
    asserts.reserve(m_assertions.size() + assumptions.size());
    for (const z3::expr& e : m_assertions) asserts.push_back(e);
    for (const z3::expr& e : assumptions) asserts.push_back(e);
    const char* text = Z3_benchmark_to_smtlib_string(ctx, "ldfi hypothesis query", "QF_FD", "unknown", "",
                                                     static_cast<unsigned>(asserts.size()), asserts.data(),
                                                     ctx.bool_val(true));
    ctx.check_error();
    char name[32];
    std::snprintf(name, sizeof name, "query-%06llu.smt2", static_cast<unsigned long long>(++m_queries));
    const auto path = std::filesystem::path(m_dir) / name;
    std::ofstream out(path);
    out << text;
    if (!out) throw InputError("cannot write " + path.string());
}

}  // namespace ldfi::solver
