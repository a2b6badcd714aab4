#include "LayerTableModel.h"

namespace kh::ui {

namespace {
const char* const kHeaders[] = {"#", "shape", "GOP", "dup", "tiles", "subarrays", "util %", "latency µs", "energy µJ", "TOPS/W"};
constexpr int kColumns = 10;
} // namespace

void LayerTableModel::setReport(const PpaReport& r)
{
    beginResetModel();
    layers_ = r.layers;
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(layers_.size()); }
int LayerTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumns; }

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(layers_.size()))
        return {};
    const LayerReport& l = layers_[size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == 1 ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const bool edit = role == Qt::EditRole;   // raw numbers sort correctly
    auto num = [&](double v, int prec) { return edit ? QVariant(v) : QVariant(QString::number(v, 'f', prec)); };
    switch (index.column()) {
    case 0: return l.index + 1;
    case 1: return QString::fromStdString(l.shape);
    case 2: return num(l.ops * 1e-9, 4);
    case 3: return l.duplication;
    case 4: return qlonglong(l.tiles);
    case 5: return qlonglong(l.subarrays);
    case 6: return num(l.utilization * 100, 1);
    case 7: return num(l.latency_ns * 1e-3, 2);
    case 8: return num(l.energy_pj * 1e-6, 3);
    case 9: return num(l.tops_per_w, 2);
    }
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < kColumns)
        return QString::fromUtf8(kHeaders[section]);
    return QAbstractTableModel::headerData(section, o, role);
}

QString LayerTableModel::toTsv() const
{
    QString out;
    for (int c = 0; c < kColumns; ++c)
        out += QString::fromUtf8(kHeaders[c]) + (c + 1 < kColumns ? "\t" : "\n");
    for (int r = 0; r < rowCount(); ++r)
        for (int c = 0; c < kColumns; ++c)
            out += data(index(r, c), Qt::DisplayRole).toString() + (c + 1 < kColumns ? "\t" : "\n");
    return out;
}

} // namespace kh::ui
