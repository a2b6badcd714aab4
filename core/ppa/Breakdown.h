#pragma once
// A figure split over the estimator's component categories (area in mm², energy in pJ).
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

} // namespace kh
