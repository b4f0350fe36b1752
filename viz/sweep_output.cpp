// A sweep's frontier, and its text and JSON renderings.
#include "ldfi/viz/sweep_output.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "json_util.hpp"
#include "ldfi/util/version.hpp"

namespace ldfi::viz {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string or_dash(const std::optional<int>& n) { return n ? std::to_string(*n) : "-"; }

// One character per verdict in the grid.
char verdict_mark(const std::string& verdict) {
    if (verdict == "certified") return 'C';
    if (verdict == "counterexample") return 'X';
    if (verdict == "unknown") return '?';
    return '!';
}

std::string padded(const std::string& s, std::size_t width, bool right = false) {
    if (s.size() >= width) return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string header(const SweepConfig& c, std::size_t points) {
    std::string out = "sweep " + join(c.files, " ") + "  nodes " + join(c.nodes, ",") + "  eot " + c.eot +
                      "  eff " + c.eff + "  crashes " + c.crashes + "  oracle " + c.oracle + "  strategy " +
                      c.strategy + "\n";
    out += std::to_string(points) + (points == 1 ? " point" : " points");
    if (!c.shard.empty())
        out += " (shard " + c.shard + " of the grid's " + std::to_string(c.grid_points) + ")";
    return out + "\n\n";
}

std::string points_table(const std::vector<SweepPoint>& points, bool timing) {
    std::string out = "crashes   eot   eff  verdict         engine      executions" +
                      std::string(timing ? "        time" : "") + "  detail\n";
    char line[256];
    for (const auto& p : points) {
        std::snprintf(line, sizeof line, "%7d  %4d  %4d  %-14s  %-10s  %10zu", p.crashes, p.eot, p.eff,
                      p.verdict.c_str(), p.engine.c_str(), p.executions);
        out += line;
        if (timing) {
            std::snprintf(line, sizeof line, "  %7lld ms", static_cast<long long>(p.seconds * 1000));
            out += line;
        }
        out += p.detail.empty() ? "\n" : "  " + p.detail + "\n";
    }
    return out;
}

std::string grid(const SweepConfig& c, const std::vector<SweepPoint>& points,
                 const std::vector<SweepFrontier>& rows) {
    std::size_t w = 2;
    for (int eot : c.eots) w = std::max(w, std::to_string(eot).size() + 1);
    std::size_t eff_w = 3;
    for (const auto& r : rows) eff_w = std::max(eff_w, r.eff.size());
    std::string out = "verdicts (C certified, X counterexample, ? unknown, ! error, - no point)\n";
    out += "crashes  " + padded("eff", eff_w) + "  eot";
    for (int eot : c.eots) out += padded(std::to_string(eot), w, true);
    out += "\n";
    std::map<std::tuple<int, std::string, int>, char> mark;
    for (const auto& p : points) mark[{p.crashes, p.row_eff, p.eot}] = verdict_mark(p.verdict);
    for (const auto& r : rows) {
        out += padded(std::to_string(r.crashes), 7, true) + "  " + padded(r.eff, eff_w) + "     ";
        for (int eot : c.eots) {
            auto it = mark.find({r.crashes, r.eff, eot});
            out += padded(std::string(1, it == mark.end() ? '-' : it->second), w, true);
        }
        out += "\n";
    }
    return out;
}

std::string runs_text(const std::vector<SweepRun>& runs) {
    std::string out;
    for (const auto& run : runs) {
        out += (out.empty() ? "" : ", ") + std::string(1, verdict_mark(run.verdict)) + " " +
               std::to_string(run.from) + (run.to == run.from ? "" : ".." + std::to_string(run.to));
    }
    return out;
}

std::string frontier_table(const std::vector<SweepFrontier>& rows) {
    std::size_t eff_w = 3;
    for (const auto& r : rows) eff_w = std::max(eff_w, r.eff.size());
    std::string out = "frontier (along EOT)\ncrashes  " + padded("eff", eff_w) +
                      "  highest certified  first counterexample  verdicts by EOT\n";
    for (const auto& r : rows) {
        out += padded(std::to_string(r.crashes), 7, true) + "  " + padded(r.eff, eff_w) + "  " +
               padded(or_dash(r.highest_certified), 17) + "  " + padded(or_dash(r.first_counterexample), 20) +
               "  " + runs_text(r.runs) + (r.monotone ? "" : "  (not monotone)") + "\n";
    }
    return out;
}

ordered_json optional_int(const std::optional<int>& n) {
    return n ? ordered_json(*n) : ordered_json(nullptr);
}

ordered_json or_null(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }

}  // namespace

std::vector<SweepFrontier> sweep_frontier(const std::vector<SweepPoint>& points) {
    std::vector<SweepFrontier> rows;
    std::map<std::pair<int, std::string>, std::size_t> index;
    std::map<std::size_t, std::vector<const SweepPoint*>> along;  // row -> its points
    for (const auto& p : points) {
        auto [it, fresh] = index.try_emplace({p.crashes, p.row_eff}, rows.size());
        if (fresh)
            rows.push_back(SweepFrontier{p.crashes, p.row_eff, std::nullopt, std::nullopt, {}, true, 0});
        along[it->second].push_back(&p);
    }
    for (auto& [row, list] : along) {
        SweepFrontier& r = rows[row];
        std::stable_sort(list.begin(), list.end(),
                         [](const auto* a, const auto* b) { return a->eot < b->eot; });
        std::string last_decided;
        std::size_t changes = 0;
        for (const SweepPoint* p : list) {
            if (!r.runs.empty() && r.runs.back().verdict == p->verdict && r.runs.back().to + 1 == p->eot) {
                r.runs.back().to = p->eot;
            } else {
                r.runs.push_back({p->verdict, p->eot, p->eot});
            }
            if (p->verdict == "certified") {
                r.highest_certified = p->eot;
            } else if (p->verdict == "counterexample") {
                if (!r.first_counterexample) r.first_counterexample = p->eot;
            } else {
                ++r.undecided;
                continue;
            }
            changes += !last_decided.empty() && last_decided != p->verdict;
            last_decided = p->verdict;
        }
        r.monotone = changes <= 1;
    }
    return rows;
}

std::string sweep_text(const SweepConfig& config, const std::vector<SweepPoint>& points, bool timing) {
    const std::vector<SweepFrontier> rows = sweep_frontier(points);
    std::string out = header(config, points.size()) + points_table(points, timing) + "\n" +
                      grid(config, points, rows) + "\n" + frontier_table(rows);
    if (timing) {
        double total = 0;
        for (const auto& p : points) total += p.seconds;
        char line[64];
        std::snprintf(line, sizeof line, "time: %.3f s (the points' sum)\n", total);
        out += line;
    }
    return out;
}

std::string sweep_json(const SweepConfig& config, const std::vector<SweepPoint>& points, bool timing) {
    ordered_json doc;
    doc["schema"] = 1;
    doc["tool"] = "ldfi";
    doc["version"] = version();
    doc["config"] = {{"files", config.files},
                     {"nodes", config.nodes},
                     {"eot", config.eot},
                     {"eff", config.eff},
                     {"crashes", config.crashes},
                     {"oracle", config.oracle},
                     {"strategy", config.strategy},
                     {"timeout", config.timeout},
                     {"shard", or_null(config.shard)},
                     {"grid_points", config.grid_points}};
    ordered_json list = ordered_json::array();
    for (const auto& p : points) {
        ordered_json j = {
            {"crashes", p.crashes},
            {"eot", p.eot},
            {"eff", p.eff},
            {"row_eff", p.row_eff},
            {"verdict", p.verdict},
            {"engine", p.engine},
            {"executions", p.executions},
            {"counterexample", p.verdict == "counterexample" ? or_null(p.detail) : ordered_json(nullptr)},
            {"reason",
             p.verdict == "unknown" || p.verdict == "error" ? or_null(p.detail) : ordered_json(nullptr)}};
        if (timing) j["timing"] = {{"total_seconds", p.seconds}};
        list.push_back(std::move(j));
    }
    doc["points"] = list;
    ordered_json frontier = ordered_json::array();
    for (const auto& r : sweep_frontier(points)) {
        ordered_json runs = ordered_json::array();
        for (const auto& run : r.runs)
            runs.push_back({{"verdict", run.verdict}, {"from", run.from}, {"to", run.to}});
        frontier.push_back({{"crashes", r.crashes},
                            {"eff", r.eff},
                            {"highest_certified", optional_int(r.highest_certified)},
                            {"first_counterexample", optional_int(r.first_counterexample)},
                            {"monotone", r.monotone},
                            {"undecided", r.undecided},
                            {"runs", runs}});
    }
    doc["frontier"] = frontier;
    return doc.dump(2) + "\n";
}

}  // namespace ldfi::viz
