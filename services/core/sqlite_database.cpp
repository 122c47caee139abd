#include "sqlite_database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace homeport::core {

bool openSqliteWal(QSqlDatabase *db, const QString &path, const QString &connectionName, QString *error)
{
    *db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db->setDatabaseName(path);
    if (!db->open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, db->lastError().text());
        return false;
    }
    QSqlQuery mode(*db);
    if (!mode.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !mode.next()
        || mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("cannot switch %1 to WAL mode: %2").arg(path, mode.lastError().text());
        return false;
    }
    return true;
}

} // namespace homeport::core
