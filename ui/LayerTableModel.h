#pragma once
// Per-layer PPA figures as a table model (sortable through a QSortFilterProxyModel).
#include "ppa/PpaReport.h"

#include <QAbstractTableModel>

namespace kh::ui {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setReport(const PpaReport& r);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    // Tab-separated text of the whole table, for the clipboard.
    QString toTsv() const;

private:
    std::vector<LayerReport> layers_;
};

} // namespace kh::ui
