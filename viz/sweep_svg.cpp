// A sweep as an SVG image: a heat map of verdicts over (row, EOT) with the frontier as a step
// line. Integer coordinates computed here keep it deterministic.
#include <algorithm>
#include <map>
#include <tuple>

#include "ldfi/viz/junit.hpp"
#include "ldfi/viz/sweep_output.hpp"

namespace ldfi::viz {

namespace {

constexpr int CELL_W = 34, CELL_H = 26, TOP = 64, RIGHT = 16, CHAR_W = 7, MIN_WIDTH = 560;

struct Style {
    const char* fill;
    const char* ink;
    const char* glyph;
};

Style style_of(const std::string& verdict) {
    if (verdict == "certified") return {"#2da44e", "#ffffff", "\xE2\x9C\x93"};       // check mark
    if (verdict == "counterexample") return {"#cf222e", "#ffffff", "\xE2\x9C\x97"};  // ballot x
    if (verdict == "unknown") return {"#d0d7de", "#24292f", "?"};
    return {"#57606a", "#ffffff", "!"};
}

std::string esc(const std::string& s) { return xml_escape(s, true); }

std::string text(int x, int y, const std::string& s, const char* extra = "") {
    return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\"" + extra + ">" + esc(s) +
           "</text>\n";
}

std::string rect(int x, int y, int w, int h, const char* fill, const char* stroke) {
    return "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
           std::to_string(w) + "\" height=\"" + std::to_string(h) + "\" fill=\"" + fill + "\" stroke=\"" +
           stroke + "\"";
}

// Rows named by their crash count, and their EFF when it does not follow EOT.
std::string row_label(const SweepFrontier& r) {
    return "crashes " + std::to_string(r.crashes) + (r.eff.rfind("eot", 0) == 0 ? "" : ", eff " + r.eff);
}

std::string point_title(const SweepPoint& p) {
    std::string t = "crashes " + std::to_string(p.crashes) + ", eot " + std::to_string(p.eot) + ", eff " +
                    std::to_string(p.eff) + ": " + p.verdict;
    if (!p.detail.empty()) t += " (" + p.detail + ")";
    return t + ", engine " + p.engine + ", " + std::to_string(p.executions) +
           (p.executions == 1 ? " execution" : " executions");
}

std::string legend(int x, int y) {
    std::string out;
    for (const char* v : {"certified", "counterexample", "unknown", "error"}) {
        const Style s = style_of(v);
        out += rect(x, y - 11, 14, 14, s.fill, s.fill) + "/>\n" + text(x + 20, y, v, " font-size=\"12\"");
        x += 30 + CHAR_W * static_cast<int>(std::char_traits<char>::length(v));
    }
    out += "<line x1=\"" + std::to_string(x) + "\" y1=\"" + std::to_string(y - 12) + "\" x2=\"" +
           std::to_string(x) + "\" y2=\"" + std::to_string(y + 4) +
           "\" stroke=\"#24292f\" stroke-width=\"3\"/>\n";
    return out + text(x + 8, y, "frontier", " font-size=\"12\"");
}

// The EOTs of a row where the verdict changes between certified and counterexample from the EOT before.
std::vector<int> boundaries(const SweepFrontier& row) {
    std::vector<int> out;
    for (std::size_t i = 0; i + 1 < row.runs.size(); ++i) {
        const SweepRun &a = row.runs[i], &b = row.runs[i + 1];
        const bool decided = (a.verdict == "certified" || a.verdict == "counterexample") &&
                             (b.verdict == "certified" || b.verdict == "counterexample");
        if (decided && a.to + 1 == b.from) out.push_back(b.from);
    }
    return out;
}

// The frontier: a vertical bar at each change, joined into a step line across consecutive rows
// that have one change each.
std::string frontier_path(const std::vector<SweepFrontier>& rows, const std::vector<int>& eots, int left) {
    auto x_of = [&](int eot) {
        return left + static_cast<int>(std::find(eots.begin(), eots.end(), eot) - eots.begin()) * CELL_W;
    };
    std::string d;
    std::vector<int> previous;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::vector<int> here = boundaries(rows[i]);
        const int top = TOP + static_cast<int>(i) * CELL_H;
        if (previous.size() == 1 && here.size() == 1) {
            d += " H" + std::to_string(x_of(here[0])) + " V" + std::to_string(top + CELL_H);
        } else {
            for (int eot : here) {
                d += (d.empty() ? "M" : " M") + std::to_string(x_of(eot)) + " " + std::to_string(top) + " V" +
                     std::to_string(top + CELL_H);
            }
        }
        previous = here;
    }
    if (d.empty()) return "";
    return "<path d=\"" + d + "\" fill=\"none\" stroke=\"#24292f\" stroke-width=\"3\"/>\n";
}

}  // namespace

std::string sweep_svg(const SweepConfig& config, const std::vector<SweepPoint>& points) {
    const std::vector<SweepFrontier> rows = sweep_frontier(points);
    std::size_t label_chars = 0;
    for (const auto& r : rows) label_chars = std::max(label_chars, row_label(r).size());
    const int left = 24 + CHAR_W * static_cast<int>(label_chars);
    const int grid_w = CELL_W * static_cast<int>(config.eots.size());
    const int grid_h = CELL_H * static_cast<int>(rows.size());
    const int width = std::max(MIN_WIDTH, left + grid_w + RIGHT), height = TOP + grid_h + 64;
    std::string files;
    for (const auto& f : config.files)
        files += (files.empty() ? "" : " ") + f.substr(f.find_last_of('/') + 1);
    std::string nodes;
    for (const auto& n : config.nodes) nodes += (nodes.empty() ? "" : ",") + n;
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
        std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
        std::to_string(width) + " " + std::to_string(height) + "\" font-family=\"sans-serif\">\n" +
        rect(0, 0, width, height, "#ffffff", "none") + "/>\n";
    out += text(12, 22, "ldfi sweep: " + files, " font-size=\"15\" font-weight=\"bold\"");
    out += text(12, 40,
                "nodes " + nodes + ", eff " + config.eff + ", oracle " + config.oracle + ", strategy " +
                    config.strategy + (config.shard.empty() ? "" : ", shard " + config.shard),
                " font-size=\"12\" fill=\"#57606a\"");
    for (std::size_t c = 0; c < config.eots.size(); ++c) {
        out += text(left + static_cast<int>(c) * CELL_W + CELL_W / 2, TOP - 6, std::to_string(config.eots[c]),
                    " font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\"");
    }
    std::map<std::tuple<int, std::string, int>, const SweepPoint*> at;
    for (const auto& p : points) at[{p.crashes, p.row_eff, p.eot}] = &p;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int y = TOP + static_cast<int>(r) * CELL_H;
        out +=
            text(left - 8, y + CELL_H / 2 + 4, row_label(rows[r]), " font-size=\"12\" text-anchor=\"end\"");
        for (std::size_t c = 0; c < config.eots.size(); ++c) {
            const int x = left + static_cast<int>(c) * CELL_W;
            auto it = at.find({rows[r].crashes, rows[r].eff, config.eots[c]});
            if (it == at.end()) {
                out += rect(x, y, CELL_W, CELL_H, "#ffffff", "#d0d7de") + "/>\n";
                continue;
            }
            const Style s = style_of(it->second->verdict);
            out += "<g>" + rect(x, y, CELL_W, CELL_H, s.fill, "#ffffff") + "><title>" +
                   esc(point_title(*it->second)) + "</title></rect>" +
                   text(x + CELL_W / 2, y + CELL_H / 2 + 5, s.glyph,
                        (std::string(" font-size=\"14\" text-anchor=\"middle\" fill=\"") + s.ink + "\"")
                            .c_str()) +
                   "</g>\n";
        }
    }
    out += frontier_path(rows, config.eots, left);
    out += text(left + grid_w / 2, TOP + grid_h + 22, "EOT", " font-size=\"12\" text-anchor=\"middle\"");
    return out + legend(12, TOP + grid_h + 50) + "</svg>\n";
}

}  // namespace ldfi::viz
