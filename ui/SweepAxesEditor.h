#pragma once
// The sweep's axes as a table: a design-point key (or tied keys "array.rows+array.cols") and its
// values, written as people type them: "32, 64, 128", "flash, sar", "lossless_minus 0, 1, 2", or any
// JSON the sweep spec accepts ({"from": 1, "to": 8, "factor": 2}). Converted to and from the
// spec's "axes" object; the core's parser checks it when the sweep starts.
#include <nlohmann/json.hpp>

#include <QWidget>

class QTableWidget;

namespace kh::ui {

class SweepAxesEditor : public QWidget {
    Q_OBJECT
public:
    explicit SweepAxesEditor(QWidget* parent = nullptr);
    void setAxes(const nlohmann::json& axes);
    // The "axes" object; false and the reason (row named) when a row cannot be read.
    bool axes(nlohmann::json& out, QString* error) const;
    void addAxis(const QString& key, const QString& values);
    QTableWidget* table() const { return table_; }

    // "32, 64" -> [32, 64]; "lossless_minus 0, 1" -> {"lossless_minus": [0, 1]}; JSON as is.
    static bool parseValues(const QString& text, nlohmann::json& out);
    static QString formatValues(const nlohmann::json& values);

signals:
    void edited();

private:
    QTableWidget* table_;
};

} // namespace kh::ui
