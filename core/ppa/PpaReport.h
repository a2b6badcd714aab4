#pragma once
// What the estimator returns. Every figure carries its unit in its name (docs/architecture.md; README, "Command line").
#include "ppa/Floorplan.h"

#include <string>
#include <vector>

namespace kh {

// One number per category; the same categories for area (mm²) and dynamic energy (pJ).
struct Breakdown {
    double arrays = 0;        // cells and bitline/cell read energy
    double adc = 0;
    double accumulation = 0;  // shift-add, adder trees, chip accumulation
    double interconnect = 0;  // H-trees and buses
    double buffers = 0;       // PE, tile and global SRAM buffers
    double other = 0;         // WL/BL drivers, switch matrices, muxes, control, activation, pooling
    double total() const { return arrays + adc + accumulation + interconnect + buffers + other; }
    Breakdown& operator+=(const Breakdown& o)
    {
        arrays += o.arrays;
        adc += o.adc;
        accumulation += o.accumulation;
        interconnect += o.interconnect;
        buffers += o.buffers;
        other += o.other;
        return *this;
    }
};

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
};

} // namespace kh
