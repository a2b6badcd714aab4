#include "TableCsv.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QStringList>

namespace kh::ui {

namespace {
QString quoted(QString s)
{
    if (s.contains(',') || s.contains('"') || s.contains('\n')) {
        s.replace("\"", "\"\"");
        return "\"" + s + "\"";
    }
    return s;
}
} // namespace

QString writeTableCsv(const QAbstractItemModel* model, const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString());
    QStringList header;
    for (int c = 0; c < model->columnCount(); ++c)
        header << quoted(model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    QString text = header.join(',') + '\n';
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model->columnCount(); ++c)
            row << quoted(model->data(model->index(r, c), Qt::DisplayRole).toString());
        text += row.join(',') + '\n';
    }
    if (f.write(text.toUtf8()) < 0)
        return QStringLiteral("%1: write failed (%2)").arg(path, f.errorString());
    return {};
}

} // namespace kh::ui
