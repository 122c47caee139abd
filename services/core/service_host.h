#pragma once
// ServiceHost: runs each service in a thread of its own (design.md, decision 2), reports its
// state, and starts, stops or restarts one service without touching the others.
// Thread affinity: the main thread; snapshot() and status() may be called from any thread.

#include "service.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace homeport::core {

class ServiceHost : public QObject
{
    Q_OBJECT
public:
    using Factory = std::function<std::unique_ptr<Service>()>;
    using ContextProvider = std::function<ServiceContext(const QString &name)>;

    // The provider builds each service's context at the moment it starts, so settings edited
    // in the console apply on the next (re)start.
    explicit ServiceHost(ContextProvider contextProvider, QObject *parent = nullptr);
    ~ServiceHost() override; // shuts everything down, in order

    // Registration order is start order; shutdown goes in reverse.
    void addService(const QString &name, Factory factory);
    QStringList names() const;

    QList<ServiceStatus> snapshot() const;
    ServiceStatus status(const QString &name) const;

public Q_SLOTS:
    void start(const QString &name);
    void stop(const QString &name);
    void restart(const QString &name);
    void startAll(const QStringList &names);
    void stopAll();
    // Stops every service and waits for it, last registered first. Used at exit.
    void shutdown();

Q_SIGNALS:
    void statusChanged(const homeport::core::ServiceStatus &status);

private:
    struct Entry {
        QString name;
        Factory factory;
        QThread *thread = nullptr;  // alive from start until its teardown finished
        Service *service = nullptr; // lives in `thread`; null once teardown was queued
        ServiceStatus status;
        quint64 generation = 0;     // tells a stale start result from the current one
        bool startWhenStopped = false;
    };

    Entry *find(const QString &name);
    void setState(Entry &entry, ServiceState state, const QString &reason = {}, const QString &address = {});
    void onStartFinished(const QString &name, quint64 generation, const StartResult &result);
    void tearDown(Entry &entry, bool callStop);
    void onThreadFinished(const QString &name, QThread *thread);

    ContextProvider m_contextProvider;
    std::vector<std::unique_ptr<Entry>> m_entries;
    mutable QMutex m_snapshotMutex;
    QList<ServiceStatus> m_snapshot; // copy of every entry's status for other threads
};

} // namespace homeport::core
