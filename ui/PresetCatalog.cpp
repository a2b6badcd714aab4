#include "PresetCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace kh::ui {

PresetCatalog::PresetCatalog(const QString& presetDir) : dir_(presetDir) {}

QStringList PresetCatalog::files(const QString& category, const QString& suffix) const
{
    const QDir d(dir_ + "/" + category);
    QStringList out;
    for (const QString& f : d.entryList({"*." + suffix}, QDir::Files, QDir::Name))
        out << d.absoluteFilePath(f);
    return out;
}

QString PresetCatalog::file(const QString& category, const QString& stem, const QString& suffix) const
{
    const QString path = QDir(dir_ + "/" + category).absoluteFilePath(stem + "." + suffix);
    return QFileInfo::exists(path) ? path : QString();
}

QString PresetCatalog::label(const QString& path)
{
    if (path.endsWith(".json")) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            if (o.contains("name"))
                return o.value("name").toString();
        }
    }
    return QFileInfo(path).completeBaseName();
}

} // namespace kh::ui
