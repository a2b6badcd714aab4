#pragma once
// Lists the shipped presets (networks, designs, devices, models, sweeps) for menus and combo boxes.
#include <QString>
#include <QStringList>

namespace kh::ui {

class PresetCatalog {
public:
    explicit PresetCatalog(const QString& presetDir);
    QString directory() const { return dir_; }
    // Absolute paths of presets/<category>/*.<suffix>, sorted by file name.
    QStringList files(const QString& category, const QString& suffix) const;
    // presets/<category>/<stem>.<suffix> if it exists, else empty. Code names presets by file
    // stem, never by display label, so renaming a preset's title breaks nothing.
    QString file(const QString& category, const QString& stem, const QString& suffix) const;
    // Human-readable label: a design preset's "name", else the file's base name.
    static QString label(const QString& path);

private:
    QString dir_;
};

} // namespace kh::ui
