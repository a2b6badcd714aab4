#pragma once
// The cost of one circuit component: its silicon area, the energy of one operation, the delay of
// one operation and its leakage. 'model' names the equation/source that produced the numbers so a
// report can say where every figure comes from.
#include <string>

namespace kh {

struct ComponentCost {
    double area_um2 = 0;
    double energy_pj = 0;    // per operation (read, conversion, add, bit moved, ...)
    double latency_ns = 0;   // per operation
    double leakage_uw = 0;
    std::string model;

    ComponentCost scaled(double count) const
    {
        ComponentCost c = *this;
        c.area_um2 *= count;
        c.energy_pj *= count;
        c.leakage_uw *= count;
        return c;
    }
};

} // namespace kh
