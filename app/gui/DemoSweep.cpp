#include "DemoSweep.h"

#include "ChartExport.h"
#include "DemoChart.h"

#include "common/InputError.h"
#include "dse/Pareto.h"
#include "io/NetworkCsv.h"
#include "ppa/ChipEstimator.h"
#include "spec/DesignPointJson.h"

#include <QChart>
#include <QDir>
#include <QElapsedTimer>

#include <cstdio>
#include <memory>

namespace kh::app {

int runDemoSweep(const QString& presetDir, const QString& outDir)
{
    try {
        const LayerTable net = readNetworkCsv((presetDir + "/networks/vgg8.csv").toStdString());
        const DesignPoint base = loadDesignPointFile((presetDir + "/designs/neurosim_vgg8_rram22.json").toStdString());
        struct Row {
            DesignPoint dp;
            PpaReport r;
        };
        std::vector<Row> rows;
        QElapsedTimer timer;
        timer.start();
        // Every point keeps a lossless ADC, so accuracy is that of the 8b/8b network throughout;
        // what trades off is speed (rows read at once, ADCs per column) against ADC cost.
        for (AdcType type : {AdcType::Flash, AdcType::Sar}) {
            for (int cellBits : {1, 2}) {
                for (int par : {8, 16, 32, 64, 128}) {
                    for (int colsPerAdc : {1, 2, 4, 8, 16, 32}) {
                        DesignPoint dp = base;
                        dp.precision.adc_type = type;
                        dp.device.cell_bits = cellBits;
                        dp.array.parallel_rows = par;
                        dp.array.cols_per_adc = colsPerAdc;
                        dp.precision.adc_bits = losslessAdcBits(dp);
                        rows.push_back({dp, estimateChip(net, dp)});
                    }
                }
            }
        }
        const double seconds = timer.nsecsElapsed() * 1e-9;
        std::vector<std::vector<double>> objectives;
        for (const Row& row : rows)
            objectives.push_back({row.r.tops, row.r.tops_per_w});
        const std::vector<int> rank = paretoRanks(objectives, {Direction::Maximize, Direction::Maximize});
        std::vector<ui::ChartPoint> points;
        std::printf("Kirchhoff demo sweep: VGG8 on RRAM 1T1R, %zu design points in %.3f s\n", rows.size(), seconds);
        std::printf("Pareto front (max TOPS, max TOPS/W), lossless ADC everywhere:\n  adc    cell  par  cols/adc  adc bits    TOPS   TOPS/W  area mm2\n");
        for (size_t i = 0; i < rows.size(); ++i) {
            const Row& row = rows[i];
            points.push_back({row.r.tops, row.r.tops_per_w, rank[i] == 0, {}});
            if (rank[i] == 0)
                std::printf("  %-5s %5d %4d %9d %9d %7.2f %8.2f %9.1f\n",
                            row.dp.precision.adc_type == AdcType::Flash ? "flash" : "SAR", row.dp.device.cell_bits,
                            row.dp.array.parallel_rows, row.dp.array.cols_per_adc, row.dp.precision.adc_bits, row.r.tops,
                            row.r.tops_per_w, row.r.area_mm2);
        }
        std::unique_ptr<QChart> chart(ui::makeParetoChart(points, QObject::tr("VGG8 on 22 nm RRAM CIM, lossless ADC: parallel rows × columns per ADC × cell bits × ADC type"),
                                                          QObject::tr("TOPS (8b/8b, NeuroSim op count)"), QObject::tr("TOPS/W (8b/8b)"), true, true));
        QDir().mkpath(outDir);
        for (const char* ext : {"svg", "pdf", "png"}) {
            const QString path = QDir(outDir).filePath(QString("kirchhoff-demo.%1").arg(ext));
            const QString error = ui::exportChart(chart.get(), path);
            if (!error.isEmpty()) {
                std::fprintf(stderr, "error: %s\n", qPrintable(error));
                return 1;
            }
            std::printf("wrote %s\n", qPrintable(path));
        }
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
}

} // namespace kh::app
