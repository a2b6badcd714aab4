#include "ppa/ArrayWires.h"

#include "ppa/SubarrayModel.h"
#include "ppa/TechnologyLibrary.h"

namespace kh {

ArrayWireResistance arrayWireResistance(const DesignPoint& dp)
{
    const Technology t = technologyOf(dp);
    const CellPitch pitch = cellPitch(dp, t);
    ArrayWireResistance w;
    w.ohm_per_um = t.node.wire_r_ohm_per_um * (1.0 + kWireResistanceTempCoefficient * (t.temperature_k - kReferenceTemperatureK));
    w.row_segment_ohm = w.ohm_per_um * pitch.width_um;
    w.col_segment_ohm = w.ohm_per_um * pitch.height_um;
    return w;
}

} // namespace kh
