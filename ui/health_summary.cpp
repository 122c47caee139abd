#include "health_summary.h"

#include "core/service_catalog.h"

#include <QStringList>

namespace homeport::ui {

HealthSummary HealthSummary::from(const QList<core::ServiceStatus> &snapshot)
{
    HealthSummary s;
    s.m_total = int(snapshot.size());
    int busy = 0;
    QStringList failures;
    for (const core::ServiceStatus &status : snapshot) {
        switch (status.state) {
        case core::ServiceState::Running:
            ++s.m_running;
            break;
        case core::ServiceState::Starting:
        case core::ServiceState::Stopping:
            ++busy;
            break;
        case core::ServiceState::Failed:
            ++s.m_failed;
            failures << (status.reason.isEmpty() ? tr("%1 failed").arg(status.name)
                                                 : tr("%1 failed: %2").arg(status.name, status.reason));
            break;
        case core::ServiceState::Stopped:
            break;
        }
    }

    if (s.m_total == 0) {
        s.m_level = Level::Stopped;
        s.m_text = tr("No services configured");
        return s;
    }
    if (s.m_failed > 0)
        s.m_level = Level::Degraded;
    else if (s.m_running == s.m_total)
        s.m_level = Level::Healthy;
    else if (s.m_running == 0 && busy == 0)
        s.m_level = Level::Stopped;
    else
        s.m_level = Level::Busy;

    // Plain sentences rather than tr()'s %n plurals: those need an English .qm to read right.
    if (s.m_running == s.m_total)
        s.m_text = s.m_total == 1 ? tr("The service is running") : tr("All %1 services running").arg(s.m_total);
    else if (s.m_running == 0 && busy == 0 && s.m_failed == 0)
        s.m_text = s.m_total == 1 ? tr("The service is stopped") : tr("All services stopped");
    else
        s.m_text = tr("%1 of %2 services running").arg(s.m_running).arg(s.m_total);
    if (!failures.isEmpty())
        s.m_text += QStringLiteral(" — ") + failures.join(QStringLiteral("; "));
    else if (busy > 0)
        s.m_text += QStringLiteral(" — ") + tr("%1 starting or stopping").arg(busy);
    return s;
}

} // namespace homeport::ui
