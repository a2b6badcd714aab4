#pragma once
// Any table model to CSV (RFC 4180 quoting, header row from the model's headers), for the
// per-layer table and the sweep's points. Returns the error text, "" on success.
#include <QString>

class QAbstractItemModel;

namespace kh::ui {

QString writeTableCsv(const QAbstractItemModel* model, const QString& path);

} // namespace kh::ui
