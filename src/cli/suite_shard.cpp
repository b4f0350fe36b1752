// Suite shards: the checks of a shard, its names and JUnit properties, and recorded costs.
#include "suite_shard.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {

SuitePart suite_part(std::vector<SuiteCase> all, const std::string& shard_text) {
    SuitePart part;
    part.total = all.size();
    if (shard_text.empty()) {
        for (std::size_t i = 0; i < all.size(); ++i) part.positions.push_back(i + 1);
        part.cases = std::move(all);
        return part;
    }
    part.shard = parse_shard(shard_text);
    std::vector<std::optional<double>> costs;
    for (const SuiteCase& c : all) costs.push_back(c.cost);
    for (std::size_t i : shard_items(costs, *part.shard)) {
        part.positions.push_back(i + 1);
        part.cases.push_back(std::move(all[i]));
    }
    return part;
}

std::string part_name(const SuitePart& part, const std::string& manifest) {
    return part.shard ? manifest + " (shard " + to_string(*part.shard) + ")" : manifest;
}

std::vector<std::pair<std::string, std::string>> part_properties(const SuitePart& part,
                                                                 const std::string& manifest) {
    if (!part.shard) return {};
    std::string positions;
    for (std::size_t p : part.positions) positions += (positions.empty() ? "" : " ") + std::to_string(p);
    return {{"ldfi.manifest", manifest},
            {"ldfi.shard", to_string(*part.shard)},
            {"ldfi.checks", std::to_string(part.total)},
            {"ldfi.positions", positions}};
}

std::string part_summary(const SuitePart& part, std::size_t failed) {
    std::string out = "suite: " + std::to_string(part.cases.size() - failed) + " passed, " +
                      std::to_string(failed) + " failed";
    if (part.shard) {
        out += " (shard " + to_string(*part.shard) + ": " + std::to_string(part.cases.size()) + " of the " +
               std::to_string(part.total) + " checks)";
    }
    return out + "\n";
}

void record_costs(const std::string& manifest, const std::string& out, const SuitePart& part,
                  const std::vector<double>& seconds) {
    // Read again, in order and whole: descriptions and every other field are written back as they were.
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(
        read_file_capped(manifest, "manifest " + manifest, std::size_t{64} << 20));
    for (std::size_t i = 0; i < part.positions.size(); ++i) {
        doc["checks"][part.positions[i] - 1]["cost"] = std::round(seconds[i] * 1000) / 1000;
    }
    write_file(out, doc.dump(1) + "\n");
}

}  // namespace ldfi::cli
