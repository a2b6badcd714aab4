#pragma once
// PE and tile built from subarrays: their buffers, adder trees and H-trees, and the geometry that
// sets wire lengths. Sizes follow the floorplan; energies are per event (bit, add).
#include "ppa/SourcedConstant.h"
#include "ppa/ComponentCost.h"
#include "ppa/Floorplan.h"
#include "ppa/SubarrayModel.h"
#include "ppa/TechnologyLibrary.h"

namespace kh {

struct LevelCost {               // one PE or one tile
    double width_um = 0;         // square side
    double area_children_um2 = 0;
    double area_buffer_um2 = 0;
    double area_adder_um2 = 0;
    double area_htree_um2 = 0;
    double totalAreaUm2() const { return area_children_um2 + area_buffer_um2 + area_adder_um2 + area_htree_um2; }
    double buffer_bit_pj = 0;    // per bit written or read
    double htree_bit_pj = 0;     // per bit carried from the level's buffer to a child (average path)
    double add_pj = 0;           // per addition in the level's adder tree
    int adder_bits = 0;          // output width of the level's adder tree
    int bus_bits = 0;
    double buffer_access_ns = 0; // one access of the level's buffer (its port delivers bus_bits per access)
    double latency_ns = 0;       // adder tree + H-tree traversal
    double leakage_uw = 0;       // this level's own circuits (children excluded)
};

struct HierarchyCost {
    SubarrayCost subarray;
    LevelCost pe;
    LevelCost tile;
};

HierarchyCost hierarchyCost(const DesignPoint& dp, const Technology& t, const Floorplan& fp, const SubarrayCost& sa);

ConstantGroup hierarchyConstants();

} // namespace kh
