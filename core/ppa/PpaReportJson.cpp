#include "ppa/PpaReportJson.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace kh {

namespace {
using nlohmann::json;

json breakdownJson(const Breakdown& b)
{
    return json{{"arrays", b.arrays},   {"adc", b.adc},         {"accumulation", b.accumulation},
                {"interconnect", b.interconnect}, {"buffers", b.buffers}, {"other", b.other}};
}

std::string fmt(const char* f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}
} // namespace

json macroReportToJson(const MacroReport& m)
{
    return json{{"precision", m.precision},
                {"rows", m.rows},
                {"weight_columns", m.weight_columns},
                {"macs_per_mvm", m.macs_per_mvm},
                {"conversions_per_mvm", m.conversions_per_mvm},
                {"input_bit_density", m.input_bit_density},
                {"read_step_ns", m.read_step_ns},
                {"mvm_ns", m.mvm_ns},
                {"energy_per_mvm_pj", m.energy_per_mvm_pj},
                {"leakage_uw", m.leakage_uw},
                {"area_mm2", m.area_mm2},
                {"fj_per_mac", m.fj_per_mac},
                {"tops_per_w", m.tops_per_w},
                {"tops", m.tops},
                {"tops_per_mm2", m.tops_per_mm2},
                {"breakdown", {{"area_mm2", breakdownJson(m.area_breakdown_mm2)}, {"energy_pj", breakdownJson(m.energy_breakdown_pj)}}}};
}

std::string macroReportToText(const MacroReport& m)
{
    std::ostringstream s;
    s << "Macro        " << m.precision << ", input bit density " << fmt("%.3g", m.input_bit_density) << "\n";
    s << "  TOPS/W     " << fmt("%10.3f", m.tops_per_w) << "   (" << fmt("%.3g", m.fj_per_mac) << " fJ/MAC)\n";
    s << "  TOPS       " << fmt("%10.4f", m.tops) << "   (one MVM of " << fmt("%.0f", m.macs_per_mvm) << " MACs in "
      << fmt("%.1f", m.mvm_ns) << " ns)\n";
    s << "  TOPS/mm2   " << fmt("%10.3f", m.tops_per_mm2) << "   (" << fmt("%.4f", m.area_mm2) << " mm2)\n";
    const Breakdown& e = m.energy_breakdown_pj;
    const double total = e.total() > 0 ? e.total() : 1;
    s << "  energy     arrays " << fmt("%.0f", 100 * e.arrays / total) << " %, adc " << fmt("%.0f", 100 * e.adc / total)
      << " %, shift-add " << fmt("%.0f", 100 * e.accumulation / total) << " %, drivers and mux " << fmt("%.0f", 100 * e.other / total)
      << " %\n";
    return s.str();
}

json ppaReportToJson(const PpaReport& r)
{
    json layers = json::array();
    for (const LayerReport& l : r.layers) {
        layers.push_back({{"index", l.index},
                          {"shape", l.shape},
                          {"ops", l.ops},
                          {"subarrays", l.subarrays},
                          {"tiles", l.tiles},
                          {"duplication", l.duplication},
                          {"utilization", l.utilization},
                          {"area_mm2", l.area_mm2},
                          {"latency_ns", l.latency_ns},
                          {"energy_pj", l.energy_pj},
                          {"energy_breakdown_pj", breakdownJson(l.energy_breakdown_pj)},
                          {"latency_breakdown_ns", breakdownJson(l.latency_breakdown_ns)},
                          {"tops_per_w", l.tops_per_w}});
    }
    json models = json::object();
    for (const ComponentNote& n : r.models)
        models[n.component] = n.model;
    const Floorplan& fp = r.floorplan;
    return json{
        {"network", r.network},
        {"precision", r.precision},
        {"ops_convention", r.ops_convention},
        {"warnings", r.floorplan.warnings},
        {"ops_per_image", r.ops_per_image},
        {"pipelined", r.pipelined},
        {"area_mm2", r.area_mm2},
        {"latency_ns", r.latency_ns},
        {"period_ns", r.period_ns},
        {"clock_ns", r.clock_ns},
        {"energy_pj", r.energy_pj},
        {"leakage_uw", r.leakage_uw},
        {"leakage_energy_pj", r.leakage_energy_pj},
        {"tops", r.tops},
        {"tops_per_w", r.tops_per_w},
        {"tops_per_mm2", r.tops_per_mm2},
        {"fps", r.fps},
        {"breakdown", {{"area_mm2", breakdownJson(r.area_breakdown_mm2)}, {"energy_pj", breakdownJson(r.energy_breakdown_pj)},
                       {"latency_ns", breakdownJson(r.latency_breakdown_ns)}}},
        {"floorplan",
         {{"tiles", fp.total_tiles},
          {"tiles_x", fp.chip_tiles_x},
          {"tiles_y", fp.chip_tiles_y},
          {"pe_per_tile", fp.tile_pe_rows * fp.tile_pe_cols},
          {"subarrays_per_pe", fp.pe_dim * fp.pe_dim},
          {"subarrays", fp.total_subarrays},
          {"subarrays_used", fp.used_subarrays},
          {"utilization", fp.utilization},
          {"tile_area_mm2", r.tile_area_mm2},
          {"tile_width_um", r.tile_width_um},
          {"pe_width_um", r.pe_width_um},
          {"subarray_area_um2", r.subarray_area_um2},
          {"subarray_width_um", r.subarray_width_um},
          {"subarray_height_um", r.subarray_height_um}}},
        {"layers", layers},
        {"activity", r.activity},
        {"models", models},
        {"macro", macroReportToJson(r.macro)},
        {"macro_energy_pj", r.macro_energy_pj},
        {"macro_energy_share", r.energy_pj > 0 ? r.macro_energy_pj / r.energy_pj : 0.0},
    };
}

std::string ppaReportToText(const PpaReport& r)
{
    std::ostringstream s;
    const Floorplan& fp = r.floorplan;
    const size_t arrayLayers = fp.layers.size(), digital = r.layers.size() - std::min(r.layers.size(), arrayLayers);
    s << "Network      " << r.network << "  (" << arrayLayers << " layers"
      << (digital ? " + " + std::to_string(digital) + " digital products of activations" : std::string()) << ", "
      << fmt("%.4g", r.ops_per_image * 1e-9) << " GOP/image)\n";
    s << "Precision    " << r.precision << "\n";
    s << "Mode         " << (r.pipelined ? "pipelined" : "layer by layer") << ", clock " << fmt("%.3f", r.clock_ns)
      << " ns (2 clocks per read step)\n\n";
    s << "Area         " << fmt("%10.3f", r.area_mm2) << " mm2\n";
    s << "TOPS/W       " << fmt("%10.3f", r.tops_per_w) << "\n";
    s << "TOPS         " << fmt("%10.3f", r.tops) << "\n";
    s << "TOPS/mm2     " << fmt("%10.4f", r.tops_per_mm2) << "\n";
    s << "FPS          " << fmt("%10.1f", r.fps) << "\n";
    s << "Latency      " << fmt("%10.1f", r.latency_ns * 1e-3) << " us per image\n";
    s << "Energy       " << fmt("%10.3f", r.energy_pj * 1e-6) << " uJ dynamic per image, leakage "
      << fmt("%.1f", r.leakage_uw * 1e-3) << " mW\n\n";
    auto row = [&](const char* name, double area, double energy, double busyNs) {
        s << "  " << name << fmt("%12.3f", area) << fmt("%14.3f", energy * 1e-6) << fmt("%12.1f", busyNs * 1e-3) << "\n";
    };
    s << "  breakdown           area mm2   energy uJ     busy us\n";
    const Breakdown& l = r.latency_breakdown_ns;
    const Breakdown& a = r.area_breakdown_mm2;
    const Breakdown& e = r.energy_breakdown_pj;
    row("arrays      ", a.arrays, e.arrays, l.arrays);
    row("adc         ", a.adc, e.adc, l.adc);
    row("accumulation", a.accumulation, e.accumulation, l.accumulation);
    row("interconnect", a.interconnect, e.interconnect, l.interconnect);
    row("buffers     ", a.buffers, e.buffers, l.buffers);
    row("other       ", a.other, e.other, l.other);
    s << "\nFloorplan    " << fp.total_tiles << " tiles (" << fp.chip_tiles_x << "x" << fp.chip_tiles_y << "), "
      << fp.tile_pe_rows * fp.tile_pe_cols << " PEs/tile, " << fp.pe_dim * fp.pe_dim << " subarrays/PE, utilisation "
      << fmt("%.1f", fp.utilization * 100) << " %\n\n";
    s << "  #  shape                        dup  tiles  subarrays  util%   latency us   energy uJ  TOPS/W\n";
    for (const LayerReport& l : r.layers) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "%3d  %-28s %4d %6lld %10lld %6.1f %12.2f %11.3f %7.2f\n", l.index + 1,
                      l.shape.c_str(), l.duplication, l.tiles, l.subarrays, l.utilization * 100, l.latency_ns * 1e-3,
                      l.energy_pj * 1e-6, l.tops_per_w);
        s << buf;
    }
    s << "\nMacros       " << fmt("%.1f", r.energy_pj > 0 ? 100 * r.macro_energy_pj / r.energy_pj : 0.0)
      << " % of the dynamic energy is spent inside the arrays' macros (ppa --scope macro)\n";
    s << "\nOps: " << r.ops_convention << ".\n";
    for (const std::string& w : r.floorplan.warnings)
        s << "Warning: " << w << ".\n";
    return s.str();
}

} // namespace kh
