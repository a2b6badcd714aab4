#pragma once
// What the estimator returns. Every figure carries its unit in its name (docs/architecture.md; README, "Command line").
#include "ppa/Breakdown.h"
#include "ppa/Floorplan.h"
#include "ppa/MacroReport.h"

#include <string>
#include <vector>

namespace kh {

struct LayerReport {
    int index = 0;
    std::string shape;          // "32x32x3 k3x3 -> 128"
    double ops = 0;             // operations of this layer, counted as chip.op_count says
    long long subarrays = 0;    // including duplicates
    long long tiles = 0;        // including duplicates
    int duplication = 1;
    double utilization = 0;
    double area_mm2 = 0;        // tiles of this layer
    double latency_ns = 0;      // time of this layer for one image
    double energy_pj = 0;       // dynamic energy for one image
    Breakdown energy_breakdown_pj;
    // How long each stage is busy for one image (arrays: sense phases; adc, accumulation: convert
    // phases and adder trees; buffers: PE and tile buffer transfers; interconnect: the global bus).
    // Stages overlap, so the sum exceeds latency_ns.
    Breakdown latency_breakdown_ns;
    double tops_per_w = 0;
};

struct ComponentNote {
    std::string component;
    std::string model;
};

struct PpaReport {
    std::string network;
    std::string precision;          // e.g. "8b weights, 8b inputs (bit-serial), 4b flash ADC"
    std::string ops_convention;
    std::string activity;
    double ops_per_image = 0;
    bool pipelined = true;

    double area_mm2 = 0;
    Breakdown area_breakdown_mm2;
    double energy_pj = 0;           // dynamic energy per image
    Breakdown energy_breakdown_pj;
    Breakdown latency_breakdown_ns;   // the layers' stage times summed (NeuroSim prints the same sums)
    double leakage_uw = 0;
    double leakage_energy_pj = 0;   // leakage over one image period
    double latency_ns = 0;          // one image through all layers
    double period_ns = 0;           // time between images (pipelined) or latency (layer by layer)
    double clock_ns = 0;            // one read step
    double fps = 0;
    double tops = 0;
    double tops_per_w = 0;
    double tops_per_mm2 = 0;

    Floorplan floorplan;
    double tile_area_mm2 = 0;
    double tile_width_um = 0;
    double subarray_area_um2 = 0;
    double subarray_width_um = 0, subarray_height_um = 0;
    double pe_width_um = 0;
    std::vector<LayerReport> layers;
    std::vector<ComponentNote> models;

    // Macro scope (docs/validation.md): one array at the design point's default activity, and the
    // share of this network's dynamic energy spent inside the arrays' macros.
    MacroReport macro;
    double macro_energy_pj = 0;     // per image: arrays, ADCs, shift-add, drivers and muxes
};

} // namespace kh
