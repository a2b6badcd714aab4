#pragma once
// One small crossbar for teaching (README, "The window": the Learn view): each cell passes I = V·G (Ohm's law),
// each column wire sums its cells' currents (Kirchhoff's current law), and an ADC turns the column
// current into one of 2^bits levels, clipping above its full scale. Non-idealities act on the
// conductances: a device-to-device spread sampled once, stuck cells, and power-law drift
// G(t) = G·(t/t0)^(−ν) (Ielmini et al., IEEE TED 54(10), 2007, for PCM; the form NeuroSim V1.5
// uses for every NVM). With wire resistance the array is solved as a resistive network
// (CrossbarSolver): drivers at the row inputs, sense at the column bottoms. Units: µS, V, µA.
#include <vector>

namespace kh {

enum class StuckState { None, AtMin, AtMax };

struct TeachingCrossbarInput {
    int rows = 8, cols = 8;
    std::vector<double> g_us;           // rows·cols programmed conductances, row-major
    std::vector<double> v_in;           // rows input voltages
    std::vector<StuckState> stuck;      // rows·cols (empty = none stuck)
    double g_min_us = 1, g_max_us = 100;
    double variation_rel = 0;           // σ/G of the device-to-device spread
    double drift_t_s = 0, drift_t0_s = 1, drift_nu = 0;
    double wire_ohm = 0;                // IR drop: wire resistance between adjacent cells (rows and columns)
    int adc_bits = 4;
    double full_scale_ua = 0;           // ADC range [0, full scale]; 0 = rows · V_max · G_max
    unsigned long long seed = 1;
};

struct TeachingCrossbarResult {
    std::vector<double> g_actual_us;    // after stuck cells, spread and drift
    std::vector<double> cell_current_ua;// G_ij · (voltage across the cell), actual
    std::vector<double> cell_voltage_v; // voltage across each cell: V_i without wires, less with IR drop
    std::vector<double> ideal_ua;       // Σ_i V_i · G_ij with the programmed G
    std::vector<double> actual_ua;      // Σ_i V_i · G_ij with the actual G
    std::vector<int> adc_code;          // of the actual current
    std::vector<double> adc_ua;         // code · LSB: what the digital side sees
    std::vector<bool> clipped;          // actual current above the full scale
    double full_scale_ua = 0;
    double lsb_ua = 0;
};

// Throws InputError when sizes do not match or values are out of range.
TeachingCrossbarResult runTeachingCrossbar(const TeachingCrossbarInput& in);

} // namespace kh
