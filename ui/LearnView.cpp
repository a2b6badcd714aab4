#include "LearnView.h"

#include "CellVoltageMap.h"
#include "FormWidgets.h"

#include "common/InputError.h"
#include "common/QuantityText.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QMenu>
#include <QTableWidget>
#include <QValueAxis>

#include "ChartAxes.h"
#include <QVBoxLayout>

namespace kh::ui {

namespace {
constexpr int kRows = 8, kCols = 8;
} // namespace

LearnView::LearnView(QWidget* parent) : QWidget(parent), stuck_(size_t(kRows * kCols), StuckState::None)
{
    table_ = new QTableWidget(kRows, kCols + 1);
    table_->setObjectName("learnTable");
    QStringList headers{tr("V in (V)")};
    for (int j = 0; j < kCols; ++j)
        headers << tr("G col %1 (µS)").arg(j + 1);
    table_->setHorizontalHeaderLabels(headers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    // A pattern with structure: every column sums a different mix, one column saturates the ADC.
    filling_ = true;
    for (int i = 0; i < kRows; ++i) {
        table_->setItem(i, 0, new QTableWidgetItem(QString::number(i % 2 ? 0.1 : 0.2)));
        for (int j = 0; j < kCols; ++j) {
            const double g = j == kCols - 1 ? 100 : 5 + 95.0 * double((i * 3 + j * 5) % 8) / 7.0 * (j + 1) / kCols;
            table_->setItem(i, j + 1, new QTableWidgetItem(QString::number(g, 'f', 1)));
        }
    }
    filling_ = false;
    adcBits_ = intSpin(1, 10);
    adcBits_->setValue(3);
    fullScale_ = quantitySpin(0, 1e4, 10, "µA");
    fullScale_->setSpecialValueText(tr("auto (8·V·G_max)"));
    fullScale_->setValue(80);
    gMin_ = quantitySpin(0, 1000, 1, "µS");
    gMin_->setValue(1);
    gMax_ = quantitySpin(0.1, 1000, 1, "µS");
    gMax_->setValue(100);
    variation_ = quantitySpin(0, 1, 0.01);
    variation_->setToolTip(tr("Device-to-device spread: σ of G relative to its programmed value"));
    driftT_ = quantitySpin(0, 1e9, 10, "s");
    driftNu_ = quantitySpin(0, 0.5, 0.01);
    driftNu_->setValue(0.05);
    wire_ = quantitySpin(0, 1e4, 10, "Ω");
    wire_->setToolTip(tr("IR drop: wire resistance between adjacent cells, along rows and columns"));
    map_ = new CellVoltageMap;
    seed_ = intSpin(1, 1000000);
    chart_ = new QChartView(new QChart);
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumHeight(280);
    explain_ = new QLabel;
    explain_->setWordWrap(true);
    explain_->setTextFormat(Qt::RichText);

    auto* form = new QFormLayout;
    form->addRow(tr("ADC bits"), adcBits_);
    form->addRow(tr("ADC full scale"), fullScale_);
    form->addRow(tr("G min / stuck-at-min"), gMin_);
    form->addRow(tr("G max / stuck-at-max"), gMax_);
    form->addRow(tr("Device variation σ/G"), variation_);
    form->addRow(tr("Drift time"), driftT_);
    form->addRow(tr("Drift exponent ν"), driftNu_);
    form->addRow(tr("Wire per cell (IR drop)"), wire_);
    form->addRow(tr("Chip (seed)"), seed_);
    auto* top = new QHBoxLayout;
    top->addWidget(table_, 3);
    top->addLayout(form, 1);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>One crossbar, column by column.</b> Each cell passes I = V·G (Ohm's law); each column wire "
                                "adds its cells' currents (Kirchhoff's current law); the ADC turns the sum into one of "
                                "2<sup>bits</sup> levels. Edit V and G, right-click a cell to make it stuck."));
    intro->setWordWrap(true);   // a long line would set the window's minimum width
    layout->addWidget(intro);
    auto* key = new QLabel(tr("V in volts, G in µS. <span style='background:#a0beff'>&nbsp;blue&nbsp;</span> cells are stuck at "
                              "G min, <span style='background:#ffaa96'>&nbsp;red&nbsp;</span> cells at G max."));
    key->setObjectName("stuckKey");
    key->setWordWrap(true);
    layout->addLayout(top, 2);
    layout->addWidget(key);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(chart_, 3);
    bottom->addWidget(map_, 1);
    layout->addLayout(bottom, 3);
    layout->addWidget(explain_);

    connect(table_, &QTableWidget::cellChanged, this, [this] {
        if (!filling_)
            recompute();
    });
    connect(table_, &QTableWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = table_->indexAt(pos);
        if (!index.isValid() || index.column() == 0)
            return;
        QMenu menu;
        const int i = index.row(), j = index.column() - 1;
        menu.addAction(tr("Not stuck"), this, [this, i, j] { setStuck(i, j, StuckState::None); });
        menu.addAction(tr("Stuck at G_min"), this, [this, i, j] { setStuck(i, j, StuckState::AtMin); });
        menu.addAction(tr("Stuck at G_max"), this, [this, i, j] { setStuck(i, j, StuckState::AtMax); });
        menu.exec(table_->viewport()->mapToGlobal(pos));
    });
    for (QuantityField* s : {fullScale_, gMin_, gMax_, variation_, driftT_, driftNu_, wire_})
        connect(s, &QuantityField::valueChanged, this, &LearnView::recompute);
    for (QSpinBox* s : {adcBits_, seed_})
        connect(s, &QSpinBox::valueChanged, this, &LearnView::recompute);
    recompute();
}

QColor LearnView::stuckColour(StuckState s) { return s == StuckState::AtMin ? QColor(160, 190, 255) : QColor(255, 170, 150); }

void LearnView::setStuck(int row, int col, StuckState s)
{
    stuck_[size_t(row * kCols + col)] = s;
    filling_ = true;
    QTableWidgetItem* item = table_->item(row, col + 1);
    item->setBackground(s == StuckState::None ? QBrush() : QBrush(stuckColour(s)));
    item->setToolTip(s == StuckState::None ? QString() : s == StuckState::AtMin ? tr("stuck at G_min") : tr("stuck at G_max"));
    filling_ = false;
    recompute();
}

bool LearnView::input(TeachingCrossbarInput& in)
{
    in = TeachingCrossbarInput{};
    in.rows = kRows;
    in.cols = kCols;
    filling_ = true;
    if (badCell_) {
        const int r = badCell_->row(), c = badCell_->column();
        const StuckState st = c > 0 ? stuck_[size_t(r * kCols + c - 1)] : StuckState::None;
        badCell_->setBackground(st == StuckState::None ? QBrush() : QBrush(stuckColour(st)));
    }
    badCell_ = nullptr;
    filling_ = false;
    for (int i = 0; i < kRows; ++i)
        for (int j = 0; j <= kCols; ++j) {
            QTableWidgetItem* item = table_->item(i, j);
            const QuantityParse p = parseQuantity(item ? item->text().toStdString() : std::string(), j == 0 ? "V" : "µS");
            const double v = p.value.value_or(0.0);
            // A conductance outside [G min, G max] is no state a cell can hold.
            QString why;
            if (!p.value)
                why = tr("\"%1\" is not a number").arg(item ? item->text().toHtmlEscaped() : QString());
            else if (j > 0 && v > gMax_->value())
                why = tr("%1 µS is above G max (%2 µS)").arg(v).arg(gMax_->value());
            else if (j > 0 && v < gMin_->value())
                why = tr("%1 µS is below G min (%2 µS)").arg(v).arg(gMin_->value());
            if (!why.isEmpty()) {
                filling_ = true;
                if (item)
                    item->setBackground(QColor(255, 205, 210));
                filling_ = false;
                badCell_ = item;
                explain_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                                      .arg(tr("row %1, %2: %3. The chart shows the last valid crossbar.").arg(i + 1)
                                               .arg(j == 0 ? tr("V in") : tr("G col %1").arg(j))
                                               .arg(why)));
                if (chart_->chart())
                    chart_->chart()->setTitle(tr("Column currents (stale: fix the marked cell)"));
                return false;
            }
            (j == 0 ? in.v_in : in.g_us).push_back(v);
        }
    in.stuck = stuck_;
    in.g_min_us = gMin_->value();
    in.g_max_us = gMax_->value();
    in.variation_rel = variation_->value();
    in.drift_t_s = driftT_->value();
    in.drift_nu = driftNu_->value();
    in.wire_ohm = wire_->value();
    in.adc_bits = adcBits_->value();
    in.full_scale_ua = fullScale_->value();
    in.seed = (unsigned long long)seed_->value();
    return true;
}

void LearnView::recompute()
{
    TeachingCrossbarInput in;
    if (!input(in))
        return;   // the last valid result stays on screen
    try {
        result_ = runTeachingCrossbar(in);
    } catch (const InputError& e) {
        explain_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return;
    }
    drawChart();
    std::vector<double> shares(result_.cell_voltage_v.size());
    for (size_t k = 0; k < shares.size(); ++k) {
        const double v = in.v_in[k / size_t(kCols)];
        shares[k] = v != 0 ? result_.cell_voltage_v[k] / v : std::nan("");
    }
    map_->setShares(kRows, kCols, std::move(shares));
    // The biggest error and why, in words a class can follow.
    int worst = 0;
    for (int j = 1; j < kCols; ++j)
        if (std::fabs(result_.adc_ua[size_t(j)] - result_.ideal_ua[size_t(j)]) > std::fabs(result_.adc_ua[size_t(worst)] - result_.ideal_ua[size_t(worst)]))
            worst = j;
    const int clipped = int(std::count(result_.clipped.begin(), result_.clipped.end(), true));
    explain_->setText(tr("ADC step (LSB) %1 µA over 0…%2 µA. Column %3 is off most: ideal %4 µA, with the chosen non-idealities %5 µA, "
                         "the ADC reports level %6 = %7 µA. %8 column(s) clip at full scale.")
                          .arg(result_.lsb_ua, 0, 'f', 2).arg(result_.full_scale_ua, 0, 'f', 1).arg(worst + 1)
                          .arg(result_.ideal_ua[size_t(worst)], 0, 'f', 2).arg(result_.actual_ua[size_t(worst)], 0, 'f', 2)
                          .arg(result_.adc_code[size_t(worst)]).arg(result_.adc_ua[size_t(worst)], 0, 'f', 2).arg(clipped));
}

void LearnView::drawChart()
{
    auto* chart = new QChart;
    chart->setTitle(tr("Column currents"));
    auto* ideal = new QBarSet(tr("ideal Σ V·G"));
    auto* actual = new QBarSet(tr("with non-idealities"));
    auto* adc = new QBarSet(tr("ADC output"));
    ideal->setColor(QColor(0x4e, 0x79, 0xa7));
    actual->setColor(QColor(0xf2, 0x8e, 0x2b));
    adc->setColor(QColor(0x59, 0xa1, 0x4f));
    QStringList cats;
    double top = result_.full_scale_ua;
    for (int j = 0; j < kCols; ++j) {
        *ideal << result_.ideal_ua[size_t(j)];
        *actual << result_.actual_ua[size_t(j)];
        *adc << result_.adc_ua[size_t(j)];
        cats << (result_.clipped[size_t(j)] ? tr("%1 (clip)").arg(j + 1) : QString::number(j + 1));
        top = std::max({top, result_.ideal_ua[size_t(j)], result_.actual_ua[size_t(j)]});
    }
    auto* bars = new QBarSeries;
    bars->append(ideal);
    bars->append(actual);
    bars->append(adc);
    chart->addSeries(bars);
    auto* fullScale = new QLineSeries;
    fullScale->setName(tr("ADC full scale"));
    fullScale->setPen(QPen(QColor(0xb0, 0x00, 0x20), 2, Qt::DashLine));
    fullScale->append(-0.5, result_.full_scale_ua);
    fullScale->append(kCols - 0.5, result_.full_scale_ua);
    chart->addSeries(fullScale);
    auto* x = new QBarCategoryAxis;
    x->append(cats);
    x->setTitleText(tr("Column"));
    QValueAxis* y = niceValueAxis(0, top * 1.05, tr("Current (µA)"), true);
    // With few levels, the grid shows the ADC levels themselves.
    if ((1 << adcBits_->value()) <= 16) {
        y->setRange(0, top * 1.1);
        y->setTickType(QValueAxis::TicksDynamic);
        y->setTickAnchor(0);
        y->setTickInterval(result_.lsb_ua);
        y->setLabelFormat("%.1f");
    }
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);
    auto* xLine = new QValueAxis;   // the full-scale line spans the category axis
    xLine->setRange(-0.5, kCols - 0.5);
    xLine->setVisible(false);
    chart->addAxis(xLine, Qt::AlignBottom);
    fullScale->attachAxis(xLine);
    fullScale->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = chart_->chart();
    chart_->setChart(chart);
    delete old;
}

} // namespace kh::ui
