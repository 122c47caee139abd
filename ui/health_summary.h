#pragma once
// HealthSummary: one sentence and one level for the whole house, computed from a host snapshot.
// The status bar and the tray icon both show it, so they never disagree.
// Thread affinity: none (a value).

#include "core/service.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace homeport::ui {

class HealthSummary
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::HealthSummary)
public:
    enum class Level {
        Healthy,  // every service running
        Degraded, // at least one failed
        Busy,     // some starting/stopping, or some stopped on purpose while others run
        Stopped,  // nothing running and nothing failed
    };

    static HealthSummary from(const QList<core::ServiceStatus> &snapshot);

    Level level() const { return m_level; }
    int total() const { return m_total; }
    int running() const { return m_running; }
    int failed() const { return m_failed; }
    // "4 of 5 services running — storage failed: port 9000 is in use by another program"
    QString text() const { return m_text; }

private:
    Level m_level = Level::Stopped;
    int m_total = 0;
    int m_running = 0;
    int m_failed = 0;
    QString m_text;
};

} // namespace homeport::ui
