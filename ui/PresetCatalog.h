#pragma once
// Lists the shipped presets (networks, designs) for menus and combo boxes.
#include <QString>
#include <QStringList>

namespace kh::ui {

class PresetCatalog {
public:
    explicit PresetCatalog(const QString& presetDir);
    QString directory() const { return dir_; }
    // Absolute paths of presets/<category>/*.<suffix>, sorted by file name.
    QStringList files(const QString& category, const QString& suffix) const;
    // Human-readable label: a design preset's "name", else the file's base name.
    static QString label(const QString& path);

private:
    QString dir_;
};

} // namespace kh::ui
