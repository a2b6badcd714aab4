#pragma once
// Writing test inputs: a file of exactly these bytes in a temporary directory.
#include <QFile>
#include <QTemporaryDir>

#include <string>

namespace kh::test {

inline QString writeTestFile(QTemporaryDir& dir, const QString& name, const std::string& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace kh::test
