// The report page's data: what its script draws (space-time diagrams, lineage graphs, relation
// tables), embedded once as JSON with every string interned and every run stored as its
// difference from the fault-free run. Drawing in the browser keeps a report of hundreds of runs
// small; the layout is in report_script.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "ldfi/viz/report.hpp"

namespace ldfi::viz {

/// The page's data (layout: the comment at the top of report_data.cpp).
nlohmann::json report_data(const ReportContext& ctx);

/// `json` as the text of an inline <script type="application/json">: `<` escaped, so that no
/// string in it can close the element.
std::string script_json(const nlohmann::json& json);

}  // namespace ldfi::viz
