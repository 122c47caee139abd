#pragma once
// ServiceCommands: the one way the console asks the ServiceHost to do something. Every signal is
// connected to the host with Qt::QueuedConnection, so a click returns at once and the host acts
// on its next event-loop turn; the console never calls into a service and never waits for one.
// Thread affinity: the GUI thread (the host lives there too; the queue still decouples them).

#include <QObject>
#include <QStringList>

namespace homeport::core {
class ServiceHost;
}

namespace homeport::ui {

class ServiceCommands : public QObject
{
    Q_OBJECT
public:
    // `host` may be null (a console without services, e.g. in a screenshot tool): then nothing
    // is connected and the requests go nowhere.
    explicit ServiceCommands(core::ServiceHost *host, QObject *parent = nullptr);

public Q_SLOTS:
    void requestStart(const QString &name) { Q_EMIT startRequested(name); }
    void requestStop(const QString &name) { Q_EMIT stopRequested(name); }
    void requestRestart(const QString &name) { Q_EMIT restartRequested(name); }
    void requestStartAll(const QStringList &names) { Q_EMIT startAllRequested(names); }
    void requestStopAll() { Q_EMIT stopAllRequested(); }

Q_SIGNALS:
    void startRequested(const QString &name);
    void stopRequested(const QString &name);
    void restartRequested(const QString &name);
    void startAllRequested(const QStringList &names);
    void stopAllRequested();
};

} // namespace homeport::ui
