#pragma once
// ErrorsProjectModel: the errors service's projects (name, id, platform, DSN, rate limit,
// retention). The DSN is built from the project's first key and the address clients dial, so it
// can be copied straight into an SDK's init().
// Thread affinity: the GUI thread. Fed with ErrorsSnapshot copies.

#include "keyed_row_model.h"
#include "errors/errors_monitor.h"

namespace homeport::ui {

class ErrorsProjectModel : public KeyedRowModel<errors::ProjectInfo>
{
    Q_OBJECT
public:
    enum Column { NameColumn, IdColumn, PlatformColumn, DsnColumn, RateLimitColumn, RetentionColumn, ColumnCount };
    static constexpr int ProjectIdRole = Qt::UserRole + 2;

    explicit ErrorsProjectModel(QObject *parent = nullptr);

    void setProjects(const QList<errors::ProjectInfo> &projects);
    // "127.0.0.1:8000": what goes between '@' and '/' in a DSN.
    void setDsnHost(const QString &hostAndPort);
    QString dsnHost() const { return m_dsnHost; }
    // -1 when the project is not in the table.
    int rowOf(qint64 projectId) const;

    // http://KEY@HOST:PORT/ID, empty when the project has no key.
    static QString dsn(const errors::ProjectInfo &project, const QString &hostAndPort);
    static QString rateLimitText(int eventsPerMinute);
    static QString retentionText(const errors::ProjectInfo &project);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_dsnHost;
};

} // namespace homeport::ui
