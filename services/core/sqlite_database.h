#pragma once
// Opening a service's SQLite file the way every store needs it: a named connection (one per
// store, so stores on different threads never share one) in WAL mode, which keeps acknowledged
// writes across a crash. Each store sets its own pragmas and schema afterwards.
// Thread affinity: the thread that will use the connection.

#include <QString>

class QSqlDatabase;

namespace homeport::core {

// Opens `path` as connection `connectionName` into `db` and switches it to WAL; false with
// `error` set ("cannot open …" / "cannot switch … to WAL mode: …") when either fails.
bool openSqliteWal(QSqlDatabase *db, const QString &path, const QString &connectionName, QString *error);

} // namespace homeport::core
