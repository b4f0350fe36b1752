// Reading sweep JSON documents back (docs/json.md) and joining a sharded sweep's parts.
#include "sweep_files.hpp"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "cli.hpp"
#include "json_integer.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::cli {

namespace {

constexpr std::size_t MAX_SWEEP_FILE_BYTES = std::size_t{64} << 20;
constexpr std::int64_t MAX_BOUND = 100'000;  // as the grid's numbers (sweep_grid.cpp)

using Key = std::tuple<int, int, int, std::string>;  // crashes, eot, eff, row_eff

viz::SweepConfig read_config(const nlohmann::json& c) {
    viz::SweepConfig config;
    config.files = c.at("files").get<std::vector<std::string>>();
    config.nodes = c.at("nodes").get<std::vector<std::string>>();
    config.eot = c.at("eot").get<std::string>();
    config.eff = c.at("eff").get<std::string>();
    config.crashes = c.at("crashes").get<std::string>();
    config.oracle = c.at("oracle").get<std::string>();
    config.strategy = c.at("strategy").get<std::string>();
    config.timeout = c.at("timeout").get<double>();
    return config;
}

// An integer field without an undefined conversion (a fraction or 1e300 is an error).
std::int64_t integer_at(const nlohmann::json& j, const char* key, std::int64_t hi) {
    std::int64_t out = 0;
    if (read_json_integer(j.at(key), 0, hi, out) != JsonInteger::OK) {
        throw InputError(std::string("a point's \"") + key + "\" is not an integer 0.." + std::to_string(hi));
    }
    return out;
}

viz::SweepPoint read_point(const nlohmann::json& p) {
    viz::SweepPoint point;
    point.crashes = static_cast<int>(integer_at(p, "crashes", MAX_BOUND));
    point.eot = static_cast<int>(integer_at(p, "eot", MAX_BOUND));
    point.eff = static_cast<int>(integer_at(p, "eff", MAX_BOUND));
    point.row_eff = p.at("row_eff").get<std::string>();
    point.verdict = p.at("verdict").get<std::string>();
    if (point.verdict != "certified" && point.verdict != "counterexample" && point.verdict != "unknown" &&
        point.verdict != "error") {
        throw InputError("a point's verdict \"" + point.verdict + "\" is none of ldfi's");
    }
    point.engine = p.at("engine").get<std::string>();
    point.executions = static_cast<std::size_t>(integer_at(p, "executions", INT64_MAX));
    for (const char* key : {"counterexample", "reason"}) {
        if (!p.at(key).is_null()) point.detail = p.at(key).get<std::string>();
    }
    if (p.contains("timing")) point.seconds = p.at("timing").at("total_seconds").get<double>();
    return point;
}

// The configuration without what differs between the shards of one sweep.
nlohmann::json shared_config(nlohmann::json config) {
    config.erase("shard");
    return config;
}

}  // namespace

std::vector<GridPoint> config_grid(viz::SweepConfig& config) {
    const IntRange eot = parse_range(config.eot, "--eot");
    std::vector<GridPoint> grid =
        sweep_grid(eot, parse_eff(config.eff), parse_range(config.crashes, "--crashes"));
    config.eots.clear();
    for (int t = eot.from; t <= eot.to; ++t) config.eots.push_back(t);
    config.grid_points = grid.size();
    return grid;
}

SweepResult merge_sweep_files(const std::vector<std::string>& paths) {
    SweepResult result;
    nlohmann::json first_config;
    std::vector<GridPoint> grid;
    std::map<Key, std::pair<viz::SweepPoint, std::string>> found;  // the point and the file it came from
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string& path = paths[i];
        try {
            const nlohmann::json doc =
                nlohmann::json::parse(read_file_capped(path, path, MAX_SWEEP_FILE_BYTES));
            if (doc.at("tool") != "ldfi" || doc.at("schema") != 1 || !doc.at("points").is_array())
                throw InputError("not the JSON of ldfi sweep");
            if (i == 0) {
                first_config = shared_config(doc.at("config"));
                result.config = read_config(doc.at("config"));
                grid = config_grid(result.config);
            } else if (shared_config(doc.at("config")) != first_config) {
                throw InputError("its config differs from " + paths.front() + "'s (another sweep?)");
            }
            for (const auto& p : doc.at("points")) {
                viz::SweepPoint point = read_point(p);
                auto [it, fresh] =
                    found.try_emplace({point.crashes, point.eot, point.eff, point.row_eff}, point, path);
                if (!fresh) {
                    throw InputError("the point crashes " + std::to_string(point.crashes) + ", eot " +
                                     std::to_string(point.eot) + ", eff " + std::to_string(point.eff) +
                                     " is also in " + it->second.second);
                }
            }
        } catch (const nlohmann::json::exception& e) {
            const std::string what = e.what();  // "[json.exception.type_error.302] type must be ..."
            throw InputError(path + ": not the JSON of ldfi sweep --format json (" +
                             what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2) +
                             ")");
        } catch (const InputError& e) {
            throw InputError(path + ": " + e.what());
        }
    }
    for (const GridPoint& g : grid) {
        auto it = found.find({g.crashes, g.eot, g.eff, g.row_eff});
        if (it == found.end()) continue;
        result.points.push_back(std::move(it->second.first));
        found.erase(it);
    }
    if (!found.empty()) throw InputError(found.begin()->second.second + ": a point outside the sweep's grid");
    if (result.points.size() != grid.size()) {
        throw InputError(std::to_string(grid.size() - result.points.size()) + " of the grid's " +
                         std::to_string(grid.size()) +
                         " points are in no file: give the JSON of every shard");
    }
    return result;
}

}  // namespace ldfi::cli
