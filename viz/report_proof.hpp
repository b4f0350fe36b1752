// What a verdict proved, on the report page: which fault space it covers and how the engine that
// decided covered it, and, for a certified check, why each good outcome survived: the faults that
// cut its fault-free lineage and the derivations that carried it anyway (its redundancy).
#pragma once

#include <string>

#include "ldfi/viz/report.hpp"

namespace ldfi::viz {

/// Paragraphs on what the verdict covers, by the engine that decided.
std::string proof_paragraph(const ReportContext& ctx);

/// For a certified check, a <section id="proof"> with each good outcome's cuts and survivors;
/// "" otherwise.
std::string redundancy_section(const ReportContext& ctx);

}  // namespace ldfi::viz
