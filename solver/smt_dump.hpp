// Private to the solver module: writes every solver query as a replayable SMT-LIB 2 file.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ldfi::solver {

/// Remembers the permanent assertions and writes query-000001.smt2, query-000002.smt2, ... with
/// those assertions and the query's assumptions as assert lines, ending in (check-sat).
/// Does nothing when the directory is empty.
class SmtDump {
public:
    explicit SmtDump(std::string dir);
    void record(const z3::expr& assertion);
    void write_query(z3::context& ctx, const z3::expr_vector& assumptions);

private:
    std::string m_dir;
    std::vector<z3::expr> m_assertions;
    std::uint64_t m_queries = 0;
};

}  // namespace ldfi::solver
