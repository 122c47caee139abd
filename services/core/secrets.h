#pragma once
// Secrets: keys every service needs, generated from the system's CSPRNG at first start and kept
// in <data dir>/secrets.json with mode 0600. Missing entries are added on a later start, existing
// ones never change, so apps configured once keep working.
// Thread affinity: none. A loaded Secrets is an immutable value; copies may cross threads.

#include <QHash>
#include <QString>
#include <QVariantMap>

namespace homeport::core {

class Secrets
{
public:
    // Reads the file, generates whatever is missing and writes it back (atomically, 0600).
    // On failure returns false and sets `error`; `out` is then left untouched.
    static bool loadOrCreate(const QString &path, Secrets *out, QString *error);

    QString value(const QString &service, const QString &key) const;
    QVariantMap service(const QString &service) const; // all keys of one service
    bool isEmpty() const { return m_values.isEmpty(); }

    // Random token from [A-Za-z0-9] (or the given alphabet) using QRandomGenerator::system().
    static QString randomToken(int length, QStringView alphabet = {});

private:
    QHash<QString, QVariantMap> m_values; // service -> key -> value
};

} // namespace homeport::core
