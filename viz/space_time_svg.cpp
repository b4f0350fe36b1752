// The space-time diagram of a run, drawn directly as SVG: a column per node, time downward,
// messages as arrows from (sender, sent) to (receiver, sent + 1). Computed coordinates keep it
// deterministic and independent of any layout engine.
#include <cmath>
#include <cstdio>
#include <map>

#include "ldfi/viz/report.hpp"
#include "ldfi/viz/run_output.hpp"

namespace ldfi::viz {

namespace {

constexpr double LEFT = 64, TOP = 58, ROW = 64, BOTTOM = 28;
constexpr std::size_t MAX_TIP_TUPLES = 8;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// All messages of one channel at one send time share their fate: one arrow.
struct Arrow {
    std::vector<const sim::Message*> messages;
    std::set<std::string> relations;
    bool lost = false, emphasised = false;
    sim::Delivery delivery = sim::Delivery::DELIVERED;
};

class SpaceTime {
public:
    SpaceTime(const analysis::CheckedProgram& program, const sim::FaultModel& model, const sim::Run& run)
        : m_program(program), m_model(model), m_run(run) {
        std::size_t n = model.nodes().size();
        m_col = n <= 4 ? 170 : n <= 8 ? 130 : 96;
        m_eot = run.db.eot();
    }

    double x(NodeId n) const { return LEFT + m_col * (static_cast<double>(n.index()) + 0.5); }
    double y(std::int32_t t) const { return TOP + ROW * (t - 1); }
    double width() const { return LEFT + m_col * static_cast<double>(m_model.nodes().size()) + 24; }
    double height() const { return y(m_eot) + BOTTOM; }

    std::string grid() const {
        std::string out = "<g class=\"st-grid\">";
        for (std::int32_t t = 1; t <= m_eot; ++t) {
            out += "<line x1=\"" + num(LEFT - 8) + "\" y1=\"" + num(y(t)) + "\" x2=\"" + num(width() - 12) +
                   "\" y2=\"" + num(y(t)) + "\" stroke=\"#eaeef2\"/>";
            out += "<text x=\"" + num(LEFT - 14) + "\" y=\"" + num(y(t) + 4) +
                   "\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">t=" + std::to_string(t) +
                   "</text>";
        }
        return out + "</g>";
    }

    std::string lifelines() const {
        std::string out = "<g class=\"st-nodes\">";
        for (std::uint32_t i = 0; i < m_model.nodes().size(); ++i) {
            NodeId n(i);
            auto crash = m_run.faults.crash_time(n);
            double cx = x(n), end = y(m_eot) + 10, alive_end = crash ? y(*crash) : end;
            out += "<text x=\"" + num(cx) +
                   "\" y=\"24\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" "
                   "fill=\"#1f2328\">" +
                   html_escape(m_model.node_name(n)) + "</text>";
            out += "<line x1=\"" + num(cx) + "\" y1=\"34\" x2=\"" + num(cx) + "\" y2=\"" + num(alive_end) +
                   "\" stroke=\"#424a53\" stroke-width=\"2\"/>";
            if (crash) out += crash_mark(cx, alive_end, end, *crash);
        }
        return out + "</g>";
    }

    std::string crash_mark(double cx, double cy, double end, std::int32_t time) const {
        std::string out = "<line x1=\"" + num(cx) + "\" y1=\"" + num(cy) + "\" x2=\"" + num(cx) + "\" y2=\"" +
                          num(end) + "\" stroke=\"#afb8c1\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>";
        out += "<g class=\"st-crash\"><title>crashes at time " + std::to_string(time) + "</title>";
        out += "<path d=\"M" + num(cx - 9) + " " + num(cy - 9) + " L" + num(cx + 9) + " " + num(cy + 9) +
               " M" + num(cx + 9) + " " + num(cy - 9) + " L" + num(cx - 9) + " " + num(cy + 9) +
               "\" stroke=\"#cf222e\" stroke-width=\"3.5\"/>";
        out +=
            "<text x=\"" + num(cx + 13) + "\" y=\"" + num(cy - 6) +
            "\" font-size=\"11\" font-weight=\"600\" fill=\"#cf222e\" stroke=\"#ffffff\" stroke-width=\"3\" "
            "paint-order=\"stroke\">crash @" +
            std::to_string(time) + "</text>";
        return out + "</g>";
    }

    std::map<std::tuple<std::int32_t, std::uint32_t, std::uint32_t>, Arrow> arrows(
        const std::set<MessageKey>& emphasised, std::size_t& self_sends) const {
        std::map<std::tuple<std::int32_t, std::uint32_t, std::uint32_t>, Arrow> out;
        for (const sim::Message& m : m_run.messages) {
            if (m.from == m.to) {
                ++self_sends;
                continue;
            }
            Arrow& a = out[{m.sent, m.from.index(), m.to.index()}];
            a.messages.push_back(&m);
            a.relations.insert(m_program.relation(m.rel).name);
            a.lost = a.lost || m.delivery != sim::Delivery::DELIVERED;
            if (m.delivery != sim::Delivery::DELIVERED) a.delivery = m.delivery;
            a.emphasised = a.emphasised || emphasised.count({m.rel, m.from, m.to, m.sent}) > 0;
        }
        return out;
    }

    std::string tooltip(const Arrow& a, NodeId from, NodeId to, std::int32_t sent) const {
        // Appended piece by piece: `"literal" + std::string` here set off GCC 12's false
        // -Wrestrict (GCC bug 105329) in optimised builds.
        std::string tip = m_model.node_name(from);
        tip += " \u2192 ";
        tip += m_model.node_name(to);
        tip += ", sent ";
        tip += std::to_string(sent);
        if (a.lost) {
            tip += ", LOST (";
            tip += delivery_name(a.delivery);
            tip += ")";
        } else {
            tip += ", delivered ";
            tip += std::to_string(sent + 1);
        }
        if (a.emphasised) tip += ", in the lineage";
        for (std::size_t i = 0; i < a.messages.size() && i < MAX_TIP_TUPLES; ++i) {
            const sim::Message& m = *a.messages[i];
            std::vector<Value> values;
            for (ValueId v : m.values) values.push_back(m_run.values.get(v));
            tip += '\n';
            tip += format_tuple(m_program.relation(m.rel).name, values);
        }
        if (a.messages.size() > MAX_TIP_TUPLES) {
            tip += "\n(";
            tip += std::to_string(a.messages.size() - MAX_TIP_TUPLES);
            tip += " more)";
        }
        return html_escape(tip);
    }

    std::string arrow(const Arrow& a, NodeId from, NodeId to, std::int32_t sent) const {
        double x1 = x(from), y1 = y(sent), x2 = x(to), y2 = y(sent + 1);
        double dx = x2 - x1, dy = y2 - y1, len = std::sqrt(dx * dx + dy * dy);
        double ux = dx / len, uy = dy / len;
        const char* colour = a.lost ? "#cf222e" : a.emphasised ? "#0969da" : "#8c959f";
        std::string width = a.emphasised ? "2.6" : "1.3";
        std::string cls = std::string("st-msg") + (a.lost ? " lost" : "") + (a.emphasised ? " lineage" : "");
        std::string out = "<g class=\"" + cls + "\"><title>" + tooltip(a, from, to, sent) + "</title>";
        double ex = a.lost ? x1 + dx * 0.72 : x2 - ux * 4, ey = a.lost ? y1 + dy * 0.72 : y2 - uy * 4;
        out += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(ex) + "\" y2=\"" + num(ey) +
               "\" stroke=\"" + colour + "\" stroke-width=\"" + width + "\"" +
               (a.lost ? " stroke-dasharray=\"6 4\"" : "") + "/>";
        if (a.lost) {
            out += "<path d=\"M" + num(ex - 6) + " " + num(ey - 6) + " L" + num(ex + 6) + " " + num(ey + 6) +
                   " M" + num(ex + 6) + " " + num(ey - 6) + " L" + num(ex - 6) + " " + num(ey + 6) +
                   "\" stroke=\"" + colour + "\" stroke-width=\"2.4\"/>";
        } else {
            double bx = ex - ux * 9, by = ey - uy * 9;
            out += "<polygon points=\"" + num(ex) + "," + num(ey) + " " + num(bx - uy * 4.5) + "," +
                   num(by + ux * 4.5) + " " + num(bx + uy * 4.5) + "," + num(by - ux * 4.5) + "\" fill=\"" +
                   colour + "\"/>";
        }
        // Near the receiving end: arrows fan out from a sender, so labels there would collide.
        double at = a.lost ? 0.5 : 0.62;
        out += label(a, x1 + dx * at, y1 + dy * at, colour);
        return out + "</g>";
    }

    std::string label(const Arrow& a, double lx, double ly, const char* colour) const {
        std::string text;
        for (const auto& r : a.relations) text += (text.empty() ? "" : ", ") + r;
        if (a.messages.size() > 1) text += " \u00d7" + std::to_string(a.messages.size());
        return "<text x=\"" + num(lx) + "\" y=\"" + num(ly - 3) +
               "\" text-anchor=\"middle\" font-size=\"10\" fill=\"" + colour +
               "\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">" + html_escape(text) +
               "</text>";
    }

private:
    const analysis::CheckedProgram& m_program;
    const sim::FaultModel& m_model;
    const sim::Run& m_run;
    double m_col = 150;
    std::int32_t m_eot = 1;
};

}  // namespace

std::string space_time_svg(const analysis::CheckedProgram& program, const sim::FaultModel& model,
                           const sim::Run& run, const std::set<MessageKey>& emphasised) {
    SpaceTime st(program, model, run);
    std::size_t self_sends = 0;
    auto arrows = st.arrows(emphasised, self_sends);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"space-time\" width=\"" +
                      num(st.width()) + "\" height=\"" + num(st.height()) + "\" viewBox=\"0 0 " +
                      num(st.width()) + " " + num(st.height()) +
                      "\" font-family=\"Helvetica, Arial, sans-serif\">";
    out += st.grid() + st.lifelines();
    // Delivered arrows first, so lost and emphasised ones are drawn on top.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& [key, a] : arrows) {
            if ((a.lost || a.emphasised) != (pass == 1)) continue;
            auto [sent, from, to] = key;
            out += st.arrow(a, NodeId(from), NodeId(to), sent);
        }
    }
    if (self_sends > 0) {
        out += "<text x=\"" + num(LEFT - 8) + "\" y=\"" + num(st.height() - 6) +
               "\" font-size=\"10\" fill=\"#57606a\">" + std::to_string(self_sends) +
               " message(s) a node sent to itself are not drawn</text>";
    }
    return out + "</svg>";
}

}  // namespace ldfi::viz
