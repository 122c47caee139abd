#include "resource_store.h"

#include "core/atomic_file.h"

#include <QFile>
#include <QJsonDocument>

namespace homeport::search {

bool readJsonObjectFile(const QString &path, QJsonObject *root, QString *error)
{
    *root = QJsonObject();
    QFile f(path);
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1 is not valid JSON").arg(path);
        return false;
    }
    *root = doc.object();
    return true;
}

QString writeJsonObjectFile(const QString &path, const QJsonObject &root)
{
    return core::writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Compact), 0600);
}

bool ResourceStore::load(QString *error)
{
    m_items.clear();
    QJsonObject root;
    if (!readJsonObjectFile(m_path, &root, error))
        return false;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it)
        m_items[it.key()] = it.value().toObject();
    return true;
}

const QJsonObject *ResourceStore::find(const QString &name) const
{
    const auto it = m_items.find(name);
    return it == m_items.end() ? nullptr : &it->second;
}

QString ResourceStore::save(const std::map<QString, QJsonObject> &items) const
{
    QJsonObject root;
    for (const auto &[name, value] : items)
        root.insert(name, value);
    return writeJsonObjectFile(m_path, root);
}

QString ResourceStore::put(const QString &name, const QJsonObject &value)
{
    std::map<QString, QJsonObject> next = m_items;
    next[name] = value;
    if (QString error = save(next); !error.isEmpty())
        return error;
    m_items.swap(next);
    return {};
}

QString ResourceStore::remove(const QString &name)
{
    std::map<QString, QJsonObject> next = m_items;
    next.erase(name);
    if (QString error = save(next); !error.isEmpty())
        return error;
    m_items.swap(next);
    return {};
}

void ResourceStore::removeFile()
{
    QFile::remove(m_path);
    m_items.clear();
}

} // namespace homeport::search
