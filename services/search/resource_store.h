#pragma once
// ResourceStore: named JSON objects kept in one file (aliases, presets, stopword sets, a
// collection's overrides). Every change rewrites the file atomically (temp + fsync + rename,
// 0600) before it is acknowledged; these sets are small, so a whole rewrite is cheap.
// Thread affinity: the search service's thread (not thread-safe).

#include <QJsonObject>
#include <QString>

#include <map>

namespace homeport::search {

// The durable JSON file every search store keeps (ResourceStore, ApiKeyStore).
// Reads the file's top-level object into *root; a missing file is an empty object.
bool readJsonObjectFile(const QString &path, QJsonObject *root, QString *error);
// Replaces the file atomically (temp + fsync + rename, 0600); empty string once on disk.
QString writeJsonObjectFile(const QString &path, const QJsonObject &root);

class ResourceStore
{
public:
    explicit ResourceStore(QString path) : m_path(std::move(path)) {}

    // A missing file is an empty store.
    bool load(QString *error);
    const QJsonObject *find(const QString &name) const;
    // Both return an empty string once the file is on disk, otherwise why not (memory unchanged).
    QString put(const QString &name, const QJsonObject &value);
    QString remove(const QString &name);
    // Deletes the file (a dropped collection's overrides).
    void removeFile();
    const std::map<QString, QJsonObject> &all() const { return m_items; }

private:
    QString save(const std::map<QString, QJsonObject> &items) const;

    QString m_path;
    std::map<QString, QJsonObject> m_items;
};

} // namespace homeport::search
