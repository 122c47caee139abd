#include "errors_monitor.h"

#include <QMutexLocker>

namespace homeport::errors {

QString toString(IssueStatus status)
{
    switch (status) {
    case IssueStatus::Unresolved:
        return QStringLiteral("unresolved");
    case IssueStatus::Resolved:
        return QStringLiteral("resolved");
    case IssueStatus::Ignored:
        return QStringLiteral("ignored");
    }
    return {};
}

bool parseIssueStatus(const QString &text, IssueStatus *status)
{
    for (IssueStatus s : {IssueStatus::Unresolved, IssueStatus::Resolved, IssueStatus::Ignored}) {
        if (text.compare(toString(s), Qt::CaseInsensitive) == 0) {
            *status = s;
            return true;
        }
    }
    return false;
}

ErrorsMonitor::ErrorsMonitor(QObject *parent)
    : QObject(parent)
{
    // Requests cross into the service's thread, answers into the console's.
    qRegisterMetaType<homeport::errors::ProjectInfo>();
    qRegisterMetaType<homeport::errors::IssueStatus>();
    qRegisterMetaType<homeport::errors::IssueSummary>();
    qRegisterMetaType<QList<homeport::errors::IssueSummary>>();
    qRegisterMetaType<homeport::errors::IssueQuery>();
    qRegisterMetaType<homeport::errors::IssueDetail>();
}

ErrorsSnapshot ErrorsMonitor::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void ErrorsMonitor::publish(const ErrorsSnapshot &snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot = snapshot;
    }
    Q_EMIT snapshotPublished();
}

} // namespace homeport::errors
